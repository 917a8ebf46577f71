package io.omnistock.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.DeliveryOption;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.QuoteError;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.QuoteStatus;
import io.omnistock.avro.ReservationAction;
import io.omnistock.avro.ReservationRequest;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.TransportMode;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.StockReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routing function's outputs, side outputs and state cleanup, on a test harness. */
class RouteOrderFunctionTest {
    private static final long T0 = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000;
    private static final Duration RETENTION = Duration.ofDays(7);

    private KeyedBroadcastOperatorTestHarness<
                    String, SourcedEvent, RoutingReference, RoutingDecision>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new RouteOrderFunction(
                                RoutingPolicy.defaults(), LedgerSettings.defaults(), 3, RETENTION),
                        SourcedEvent::orderId,
                        Types.STRING,
                        ApplyInventoryEventFunction.NODES,
                        RouteOrderFunction.SOURCING_RULES);
        NodeInfo dc =
                new NodeInfo("DC-1", NodeType.DC, NodeStatus.OPEN, 0)
                        .located(52.0, -1.0, "UK", 0, 1.5, List.of(FulfilmentMethod.SHIP_TO_HOME));
        dc.updatedAt = T0 - 24 * HOUR;
        harness.processBroadcastElement(RoutingReference.of(dc), dc.updatedAt);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void anOrderProbesReservesAndIsDecidedOnceGranted() throws Exception {
        send(order("ORDER-1", "SKU-A", 2));
        send(reply(StockReply.Kind.PROBED, "ORDER-1", "SKU-A", 0, new NodeUnits("DC-1", 5)));

        List<ReservationRequest> requests = values(LedgerOutputs.RESERVATION_REQUESTS);
        assertThat(requests).hasSize(1);
        ReservationRequest reserve = requests.get(0);
        assertThat(reserve.getAction()).isEqualTo(ReservationAction.RESERVE);
        assertThat(reserve.getSku()).isEqualTo("SKU-A");
        assertThat(reserve.getAttempt()).isEqualTo(1);
        assertThat(reserve.getAllocations().get(0).getNodeId()).isEqualTo("DC-1");
        assertThat(reserve.getAllocations().get(0).getQuantity()).isEqualTo(2);
        assertThat(harness.extractOutputValues()).isEmpty(); // not decided before the grant

        send(reply(StockReply.Kind.GRANTED, "ORDER-1", "SKU-A", 1, new NodeUnits("DC-1", 2)));

        List<RoutingDecision> decisions = harness.extractOutputValues();
        assertThat(decisions).hasSize(1);
        RoutingDecision decision = decisions.get(0);
        assertThat(decision.getStatus()).isEqualTo(DecisionStatus.ROUTED);
        assertThat(decision.getRevision()).isEqualTo(1);
        assertThat(decision.getUnitsAllocated()).isEqualTo(2);
        assertThat(decision.getAllocations().get(0).getMode())
                .isEqualTo(TransportMode.PARCEL_GROUND);
        assertThat(decision.getTotalCo2eKg()).isPositive();
        assertThat(decision.getCandidates()).isNotEmpty();
    }

    @Test
    void anUnknownSkuIsRejectedWithTheOrdersOriginalBytes() throws Exception {
        send(order("ORDER-2", "SKU-NOPE", 1));
        SourcedEvent unknown = reply(StockReply.Kind.PROBED, "ORDER-2", "SKU-NOPE", 0);
        unknown.reply.knownSku = false;
        send(unknown);

        List<DeadLetter> dead = values(LedgerOutputs.DEAD_LETTERS);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getReason()).isEqualTo(DeadLetterReason.UNKNOWN_SKU);
        assertThat(new String(dead.get(0).getOriginalBytes().array(), StandardCharsets.UTF_8))
                .isEqualTo("raw:ORDER-2");
        assertThat(harness.extractOutputValues())
                .extracting(RoutingDecision::getStatus)
                .containsExactly(DecisionStatus.REJECTED);
        assertThat(values(LedgerOutputs.RESERVATION_REQUESTS)).isEmpty();
    }

    @Test
    void anOrderIsForgottenAfterTheRetentionPeriod() throws Exception {
        send(order("ORDER-3", "SKU-A", 1));
        send(reply(StockReply.Kind.PROBED, "ORDER-3", "SKU-A", 0, new NodeUnits("DC-1", 5)));
        send(reply(StockReply.Kind.GRANTED, "ORDER-3", "SKU-A", 1, new NodeUnits("DC-1", 1)));
        assertThat(keyedStateEntries()).isPositive();

        harness.processWatermark(T0 + RETENTION.toMillis());
        harness.processBroadcastWatermark(T0 + RETENTION.toMillis());

        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aQuoteIsAnsweredOnItsOwnOutputReservesNothingAndIsForgotten() throws Exception {
        send(quote("QUOTE-1", "SKU-A", "SKU-B"));
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1); // its timeout
        send(reply(StockReply.Kind.QUOTED, "quote-QUOTE-1", "SKU-A", 0, new NodeUnits("DC-1", 5)));
        assertThat(values(LedgerOutputs.QUOTE_RESPONSES)).isEmpty(); // SKU-B still to come
        send(reply(StockReply.Kind.QUOTED, "quote-QUOTE-1", "SKU-B", 0, new NodeUnits("DC-1", 1)));

        List<QuoteResponse> responses = values(LedgerOutputs.QUOTE_RESPONSES);
        assertThat(responses).hasSize(1);
        assertThat(responses.get(0).getStatus()).isEqualTo(QuoteStatus.OK);
        assertThat(responses.get(0).getRequestId()).isEqualTo("QUOTE-1");
        assertThat(responses.get(0).getOptions())
                .extracting(DeliveryOption::getMethod)
                .containsExactly(FulfilmentMethod.SHIP_TO_HOME);
        assertThat(harness.extractOutputValues()).isEmpty(); // no routing decision
        assertThat(values(LedgerOutputs.RESERVATION_REQUESTS)).isEmpty();
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aQuoteWhoseStockNeverComesIsAnsweredTimedOutAndForgotten() throws Exception {
        send(quote("QUOTE-2", "SKU-A"));

        harness.setProcessingTime(harness.getProcessingTime() + Duration.ofSeconds(10).toMillis());

        assertThat(values(LedgerOutputs.QUOTE_RESPONSES))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getStatus()).isEqualTo(QuoteStatus.ERROR);
                            assertThat(r.getErrorReason()).isEqualTo(QuoteError.TIMED_OUT);
                        });
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    private void send(SourcedEvent in) throws Exception {
        harness.processElement(in, T0);
    }

    private <T> List<T> values(OutputTag<T> tag) {
        return harness.getSideOutput(tag) == null
                ? List.of()
                : harness.getSideOutput(tag).stream().map(StreamRecord::getValue).toList();
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    private static SourcedEvent order(String orderId, String sku, int qty) {
        SourcedEvent sourced = new SourcedEvent();
        sourced.order =
                OrderRequest.newBuilder()
                        .setEventId(orderId)
                        .setEventTime(Instant.ofEpochMilli(T0))
                        .setOrderId(orderId)
                        .setChannel("WEB")
                        .setLines(List.of(new OrderLine(sku, qty)))
                        .setMethod(FulfilmentMethod.SHIP_TO_HOME)
                        .setDestinationLatitude(51.5)
                        .setDestinationLongitude(-0.1)
                        .setPromiseBy(Instant.ofEpochMilli(T0 + 72 * HOUR))
                        .build();
        sourced.topic = "orders.requests";
        sourced.key = orderId;
        sourced.bytes = ("raw:" + orderId).getBytes(StandardCharsets.UTF_8);
        return sourced;
    }

    private static SourcedEvent quote(String requestId, String... skus) {
        SourcedEvent sourced = new SourcedEvent();
        List<OrderLine> lines = new java.util.ArrayList<>();
        for (String sku : skus) {
            lines.add(new OrderLine(sku, 1));
        }
        sourced.quote =
                QuoteRequest.newBuilder()
                        .setEventId("quote-" + requestId)
                        .setEventTime(Instant.ofEpochMilli(T0))
                        .setRequestId(requestId)
                        .setChannel("WEB")
                        .setLines(lines)
                        .setDestinationLatitude(51.5)
                        .setDestinationLongitude(-0.1)
                        .build();
        sourced.topic = "quotes.requests";
        sourced.key = requestId;
        sourced.bytes = ("raw:" + requestId).getBytes(StandardCharsets.UTF_8);
        return sourced;
    }

    private static SourcedEvent reply(
            StockReply.Kind kind, String orderId, String sku, int attempt, NodeUnits... units) {
        StockReply reply = new StockReply();
        reply.kind = kind;
        reply.orderId = orderId;
        reply.sku = sku;
        reply.requestId =
                kind == StockReply.Kind.PROBED || kind == StockReply.Kind.QUOTED
                        ? orderId
                        : orderId + "/1/" + sku;
        reply.attempt = attempt;
        reply.eventTime = T0;
        reply.units.addAll(List.of(units));
        return SourcedEvent.of(reply);
    }
}

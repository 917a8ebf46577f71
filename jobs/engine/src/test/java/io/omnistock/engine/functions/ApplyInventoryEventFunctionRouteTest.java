package io.omnistock.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.Availability;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.holds.HoldCommand;
import io.omnistock.domain.inventory.EventType;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.domain.returns.Returns;
import io.omnistock.engine.LedgerOptions;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger function on the single-SKU fast path (harness): a ROUTE request carrying its order is
 * planned, reserved and answered ROUTED on the stock-replies side output, with the reservation
 * published at once; a repeat of it, or a function without a routing policy, answers PROBED.
 */
class ApplyInventoryEventFunctionRouteTest {
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final long T0 = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
    private static final double LAT = 51.5;

    private KeyedBroadcastOperatorTestHarness<String, SourcedEvent, SourcedEvent, Availability>
            harness;

    private void open(RoutingPolicy policy) throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new ApplyInventoryEventFunction(
                                LedgerSettings.defaults(),
                                Returns.defaults(),
                                HoldPeriods.of(GRACE),
                                LedgerOptions.SUMMARY_CACHE_ENTRIES.defaultValue(),
                                policy),
                        SourcedEvent::sku,
                        Types.STRING,
                        ApplyInventoryEventFunction.BROADCAST_STATES);
        NodeInfo dc =
                new NodeInfo("DC-1", NodeType.DC, NodeStatus.OPEN, 1)
                        .located(LAT + 1, 0, "UK", 0, 1.0, List.of(FulfilmentMethod.SHIP_TO_HOME));
        dc.updatedAt = T0 - 3_600_000;
        harness.processBroadcastElement(SourcedEvent.of(dc), dc.updatedAt);
        harness.setProcessingTime(0);
        receive("SKU-1", 5);
    }

    private void receive(String sku, int units) throws Exception {
        SourcedEvent receipt = new SourcedEvent();
        receipt.event =
                new InventoryEvent(
                        "r-" + sku,
                        T0 - 60_000,
                        sku,
                        "DC-1",
                        EventType.RECEIPT,
                        units,
                        SourceSystem.WMS);
        receipt.topic = "inventory.wms";
        receipt.key = sku;
        harness.processElement(receipt, T0 - 60_000);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aRouteRequestIsPlannedReservedAndAnsweredInOneStep() throws Exception {
        open(RoutingPolicy.defaults());

        harness.processElement(route(order("O-1", 3)), T0);

        assertThat(replies())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.kind).isEqualTo(StockReply.Kind.ROUTED);
                            assertThat(r.orderId).isEqualTo("O-1");
                            assertThat(r.units)
                                    .as("the ATP planned on")
                                    .extracting(u -> tuple(u.nodeId, u.units))
                                    .containsExactly(tuple("DC-1", 4L));
                            assertThat(r.granted)
                                    .extracting(u -> tuple(u.nodeId, u.units))
                                    .containsExactly(tuple("DC-1", 3L));
                        });
        Availability latest = harness.extractOutputValues().get(1);
        assertThat(latest.getReserved()).isEqualTo(3);
        assertThat(latest.getAtp()).isEqualTo(1);
    }

    @Test
    void anOrderNamingAHoldConvertsItInOneStepAndItsExpiryTimerGoes() throws Exception {
        open(RoutingPolicy.defaults());
        SourcedEvent hold = new SourcedEvent();
        hold.topic = "holds.requests";
        hold.key = "SKU-1";
        hold.hold =
                new HoldCommand(
                        "hold-1",
                        T0,
                        "H-1",
                        "SKU-1",
                        HoldCommand.Action.HOLD,
                        "DC-1",
                        3,
                        60_000,
                        "WEB");
        harness.processElement(hold, T0);
        // DC-1: 5 on hand, 3 held, safety 1: ATP 1
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        OrderRequest order =
                OrderRequest.newBuilder(order("O-1", 3)).setHoldIds(List.of("H-1")).build();
        harness.processElement(route(order), T0);

        assertThat(replies())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.kind).isEqualTo(StockReply.Kind.ROUTED);
                            assertThat(r.units)
                                    .as("planned on the held node with the hold's units back")
                                    .extracting(u -> tuple(u.nodeId, u.units))
                                    .containsExactly(tuple("DC-1", 4L));
                            assertThat(r.granted)
                                    .extracting(u -> tuple(u.nodeId, u.units))
                                    .containsExactly(tuple("DC-1", 3L));
                        });
        assertThat(harness.getSideOutput(LedgerOutputs.HOLD_EVENTS))
                .extracting(e -> tuple(e.getValue().getType(), e.getValue().getQuantity()))
                .containsExactly(
                        tuple(io.omnistock.avro.HoldEventType.HELD, 3L),
                        tuple(io.omnistock.avro.HoldEventType.CONVERTED, 3L));
        List<Availability> published = harness.extractOutputValues();
        Availability latest = published.get(published.size() - 1);
        assertThat(latest.getReserved()).isEqualTo(3);
        assertThat(latest.getHeld()).isZero();
        assertThat(latest.getAtp()).isEqualTo(1); // 5 - 3 reserved - 0 held - 1 safety
        assertThat(harness.numProcessingTimeTimers()).as("the hold's expiry deleted").isZero();
    }

    @Test
    void theSameOrderAgainIsAnsweredAsAProbeAndHoldsNothingMore() throws Exception {
        open(RoutingPolicy.defaults());
        OrderRequest order = order("O-1", 3);

        harness.processElement(route(order), T0);
        harness.processElement(route(order), T0);

        assertThat(replies())
                .extracting(r -> r.kind)
                .containsExactly(StockReply.Kind.ROUTED, StockReply.Kind.PROBED);
        assertThat(harness.extractOutputValues()).hasSize(2); // the receipt, the one grant
    }

    @Test
    void withoutARoutingPolicyARouteRequestIsAnsweredAsAProbe() throws Exception {
        open(null);

        harness.processElement(route(order("O-1", 3)), T0);

        assertThat(replies())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.kind).isEqualTo(StockReply.Kind.PROBED);
                            assertThat(r.granted).isEmpty();
                        });
        assertThat(harness.extractOutputValues()).hasSize(1); // nothing reserved
    }

    @Test
    void anOrderForASkuWithNoStockYetWaitsForItsFirstStockEvent() throws Exception {
        open(RoutingPolicy.defaults());

        harness.processElement(route(order("O-2", "SKU-2", 2)), T0);
        assertThat(replies()).as("held, not answered unknown").isEmpty();
        receive("SKU-2", 6);

        assertThat(replies())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.kind).isEqualTo(StockReply.Kind.ROUTED);
                            assertThat(r.granted)
                                    .extracting(u -> tuple(u.nodeId, u.units))
                                    .containsExactly(tuple("DC-1", 2L));
                        });
        harness.setProcessingTime(GRACE.toMillis());
        assertThat(replies()).as("answered once, not again when the grace ends").hasSize(1);
    }

    @Test
    void anOrderForASkuThatNeverGetsStockIsAnsweredUnknownAfterTheGrace() throws Exception {
        open(RoutingPolicy.defaults());

        harness.processElement(route(order("O-2", "SKU-2", 2)), T0);
        harness.setProcessingTime(GRACE.toMillis() - 1);
        assertThat(replies()).isEmpty();
        harness.setProcessingTime(GRACE.toMillis());

        assertThat(replies())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.kind).isEqualTo(StockReply.Kind.PROBED);
                            assertThat(r.knownSku).isFalse();
                        });
    }

    private List<StockReply> replies() {
        List<StockReply> replies = new ArrayList<>();
        if (harness.getSideOutput(LedgerOutputs.STOCK_REPLIES) != null) {
            for (StreamRecord<SourcedEvent> r :
                    harness.getSideOutput(LedgerOutputs.STOCK_REPLIES)) {
                replies.add(r.getValue().reply);
            }
        }
        return replies;
    }

    private static SourcedEvent route(OrderRequest order) {
        SourcedEvent route =
                SourcedEvent.of(
                        new StockRequest(
                                order.getEventId(),
                                order.getEventTime().toEpochMilli(),
                                order.getOrderId(),
                                order.getLines().get(0).getSku(),
                                StockRequest.Action.ROUTE,
                                0));
        route.order = order;
        return route;
    }

    private static OrderRequest order(String orderId, int units) {
        return order(orderId, "SKU-1", units);
    }

    private static OrderRequest order(String orderId, String sku, int units) {
        return OrderRequest.newBuilder()
                .setEventId("req-" + orderId)
                .setEventTime(Instant.ofEpochMilli(T0))
                .setOrderId(orderId)
                .setChannel("WEB")
                .setLines(new ArrayList<>(List.of(new OrderLine(sku, units))))
                .setMethod(FulfilmentMethod.SHIP_TO_HOME)
                .setShipFromStoreAllowed(true)
                .setDestinationLatitude(LAT)
                .setDestinationLongitude(0.0)
                .setPromiseBy(Instant.ofEpochMilli(T0 + Duration.ofDays(3).toMillis()))
                .setPreference(RoutingPreference.BALANCED)
                .setRegion("UK")
                .build();
    }
}

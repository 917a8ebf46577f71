package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.awaitFigures;
import static io.omnistock.engine.OrderFixtures.decisionsByOrder;
import static io.omnistock.engine.OrderFixtures.figures;
import static io.omnistock.engine.OrderFixtures.kmNorth;
import static io.omnistock.engine.OrderFixtures.line;
import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.stock;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.omnistock.avro.Allocation;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.DeliveryOption;
import io.omnistock.avro.DeliverySpeed;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.QuoteError;
import io.omnistock.avro.QuoteLabel;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.QuoteStatus;
import io.omnistock.avro.QuotedShipment;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.TransportMode;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Delivery-options quotes on the real broker and job: a cart's quote comes back on quotes.responses
 * with the options computed by hand below, reserves nothing, bad requests get error responses with
 * their reason, malformed bytes are dead-lettered, and an order placed with a quoted option on the
 * unchanged stock is routed to the quoted plan with the quoted CO2e.
 *
 * <p>Network (the shipped carbon factors: TRUCK_LTL 0.12522 and VAN 0.78225 kg CO2e/t-km, both x
 * 1.2 circuity; 0.50999 kg per parcel; default routing policy, 1 kg per unit): the customer in
 * central London; DC D1 100 km north (handling 1.00, ships home); store S1 10 km north (handling
 * 3.00; ship from store, BOPIS, curbside, same day). 10 x SKU-A at each.
 */
class QuoteITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final double LAT = 51.5;
    private static final double LON = -0.1;
    private static final double HOUR = 3_600_000.0;

    @Test
    void aCartIsQuotedAsComputedByHandAndAnOrderWithAnOptionGetsItsPlan() throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        long now = System.currentTimeMillis();
        long nodeTime = now - Duration.ofHours(2).toMillis();
        long stockTime = now - Duration.ofHours(1).toMillis();
        long t = now - Duration.ofMinutes(30).toMillis();

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.AT_LEAST_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            long published = 0;
            for (NodeRecord n :
                    List.of(
                            node(
                                    "D1",
                                    NodeType.DC,
                                    kmNorth(LAT, 100),
                                    LON,
                                    0,
                                    1.0,
                                    NodeStatus.OPEN,
                                    nodeTime,
                                    FulfilmentMethod.SHIP_TO_HOME),
                            node(
                                    "S1",
                                    NodeType.STORE,
                                    kmNorth(LAT, 10),
                                    LON,
                                    0,
                                    3.0,
                                    NodeStatus.OPEN,
                                    nodeTime,
                                    FulfilmentMethod.SHIP_FROM_STORE,
                                    FulfilmentMethod.BOPIS,
                                    FulfilmentMethod.CURBSIDE,
                                    FulfilmentMethod.SAME_DAY))) {
                client.send(Topics.NODES, n.getNodeId(), n, nodeTime);
                published++;
            }
            for (String nodeId : List.of("D1", "S1")) {
                stock(client, WmsEventType.RECEIPT, "SKU-A", nodeId, 10, stockTime);
                published++;
            }
            awaitFigures(
                    client, Map.of("SKU-A|D1", figures(10, 0, 10), "SKU-A|S1", figures(10, 0, 10)));

            List<QuoteRequest> requests = new ArrayList<>();
            requests.add(quote("cart", t).build());
            requests.add(quote("empty", t).setLines(List.of()).build());
            requests.add(
                    quote("unknown-sku", t)
                            .setLines(List.of(line("SKU-A", 1), line("SKU-NOPE", 1)))
                            .build());
            requests.add(
                    quote("nowhere", t)
                            .setDestinationLatitude(null)
                            .setDestinationLongitude(null)
                            .build());
            requests.add(quote("zero", t).setLines(List.of(line("SKU-A", 0))).build());
            for (QuoteRequest request : requests) {
                client.send(Topics.QUOTE_REQUESTS, request.getRequestId(), request, t);
                published++;
            }
            byte[] garbage = {0x01, 0x02, 0x03, 0x04};
            client.send(Topics.QUOTE_REQUESTS.name(), "garbage", garbage, t);
            published++;

            Map<String, QuoteResponse> responses =
                    client
                            .readUntil(
                                    Topics.QUOTE_RESPONSES,
                                    values -> values.size() >= requests.size(),
                                    DEADLINE)
                            .stream()
                            .collect(Collectors.toMap(KeyedValue::key, KeyedValue::value));

            // errors, with their reasons
            assertThat(responses.get("empty").getErrorReason()).isEqualTo(QuoteError.EMPTY_CART);
            assertThat(responses.get("unknown-sku").getErrorReason())
                    .isEqualTo(QuoteError.UNKNOWN_SKU);
            assertThat(responses.get("unknown-sku").getErrorMessage())
                    .isEqualTo("unknown SKU SKU-NOPE");
            assertThat(responses.get("nowhere").getErrorReason())
                    .isEqualTo(QuoteError.NO_DESTINATION);
            assertThat(responses.get("zero").getErrorReason())
                    .isEqualTo(QuoteError.INVALID_QUANTITY);
            for (String bad : List.of("empty", "unknown-sku", "nowhere", "zero")) {
                assertThat(responses.get(bad).getStatus()).as(bad).isEqualTo(QuoteStatus.ERROR);
                assertThat(responses.get(bad).getOptions()).as(bad).isEmpty();
            }
            // malformed bytes: dead-lettered, no response
            assertThat(client.readUntil(Topics.DEADLETTER, values -> !values.isEmpty(), DEADLINE))
                    .singleElement()
                    .extracting(KeyedValue::value)
                    .satisfies(
                            d -> {
                                assertThat(d.getReason()).isEqualTo(DeadLetterReason.UNDECODABLE);
                                assertThat(d.getSourceTopic()).isEqualTo("quotes.requests");
                            });
            assertThat(responses).doesNotContainKey("garbage");

            // the cart, by hand: 2 x SKU-A = 0.002 t
            QuoteResponse cart = responses.get("cart");
            assertThat(cart.getStatus()).isEqualTo(QuoteStatus.OK);
            assertThat(cart.getEventTime()).isEqualTo(Instant.ofEpochMilli(t));
            List<DeliveryOption> options = cart.getOptions();
            // express is not listed: the DC's ground parcel (18 h) meets the one-day promise
            assertThat(options)
                    .extracting(
                            DeliveryOption::getMethod,
                            DeliveryOption::getSpeed,
                            DeliveryOption::getPickupNodeId)
                    .containsExactly(
                            tuple(FulfilmentMethod.SHIP_TO_HOME, DeliverySpeed.STANDARD, null),
                            tuple(FulfilmentMethod.SHIP_FROM_STORE, DeliverySpeed.STANDARD, null),
                            tuple(FulfilmentMethod.SAME_DAY, DeliverySpeed.STANDARD, null),
                            tuple(FulfilmentMethod.BOPIS, DeliverySpeed.STANDARD, "S1"),
                            tuple(FulfilmentMethod.CURBSIDE, DeliverySpeed.STANDARD, "S1"));
            // ship to home from D1: 100 km x 1.2 = 120 km; 4 h + 12 h + 120/60 = 18 h;
            // 1.00 + 4.00 + 0.004 x 120 = 5.48; 120 x 0.002 x 0.12522 + 0.50999 = 0.5400428 kg
            assertOption(options.get(0), "D1", TransportMode.PARCEL_GROUND, t, 18, 5.48, 0.5400428);
            // ship from S1: 12 km; 2 h + 12 h + 0.2 h = 14.2 h; 3.00 + 4.00 + 0.048 = 7.048;
            // 12 x 0.002 x 0.12522 + 0.50999 = 0.51299528 kg. BALANCED over {D1, S1}: S1 scores
            // 1/3 (dearest), D1 2/3 (slowest, dirtiest).
            assertOption(
                    options.get(1), "S1", TransportMode.PARCEL_GROUND, t, 14.2, 7.048, 0.51299528);
            // same day from S1 by van: 12 km; 2 h + 0.5 h + 12/30 = 2.9 h;
            // 3.00 + 5.00 + 0.60 x 12 = 15.20; 12 x 0.002 x 0.78225 = 0.018774 kg
            assertOption(options.get(2), "S1", TransportMode.COURIER_VAN, t, 2.9, 15.20, 0.018774);
            // collect at S1: ready after 2 h handling, 3.00, no carrier leg
            assertOption(options.get(3), "S1", TransportMode.STORE_PICKUP, t, 2, 3.00, 0.0);
            assertOption(options.get(4), "S1", TransportMode.STORE_PICKUP, t, 2, 3.00, 0.0);
            assertThat(options.get(3).getLabels())
                    .containsExactly(
                            QuoteLabel.LOWEST_CARBON, QuoteLabel.FASTEST, QuoteLabel.CHEAPEST);
            assertThat(options.subList(0, 3)).allSatisfy(o -> assertThat(o.getLabels()).isEmpty());

            // a quote reserves nothing
            awaitFigures(
                    client, Map.of("SKU-A|D1", figures(10, 0, 10), "SKU-A|S1", figures(10, 0, 10)));

            // the shopper takes ship-from-store: the order carries the option's terms
            DeliveryOption chosen = options.get(1);
            OrderRequest order =
                    OrderRequest.newBuilder()
                            .setEventId("req-from-quote")
                            .setEventTime(Instant.ofEpochMilli(t))
                            .setOrderId("from-quote")
                            .setChannel("WEB")
                            .setLines(List.of(line("SKU-A", 2)))
                            .setMethod(chosen.getOrderMethod())
                            .setShipFromStoreAllowed(chosen.getShipFromStoreAllowed())
                            .setDestinationLatitude(LAT)
                            .setDestinationLongitude(LON)
                            .setPromiseBy(chosen.getPromiseBy())
                            .setPreference(chosen.getPreference())
                            .setRegion("UK")
                            .build();
            client.send(Topics.ORDER_REQUESTS, "from-quote", order, t);
            published++;
            List<RoutingDecision> decisions =
                    decisionsByOrder(
                                    client.readUntil(
                                            Topics.DECISIONS,
                                            values -> !values.isEmpty(),
                                            DEADLINE))
                            .get("from-quote");
            assertThat(decisions).hasSize(1);
            RoutingDecision decision = decisions.get(0);
            assertThat(decision.getStatus()).isEqualTo(DecisionStatus.ROUTED);
            assertThat(decision.getAllocations())
                    .extracting(
                            Allocation::getNodeId,
                            Allocation::getSku,
                            Allocation::getQuantity,
                            Allocation::getMode)
                    .containsExactly(tuple("S1", "SKU-A", 2, TransportMode.PARCEL_GROUND));
            assertThat(decision.getTotalCo2eKg()).isCloseTo(chosen.getCo2eKg(), within(1e-12));
            assertThat(decision.getTotalCost()).isCloseTo(chosen.getShippingCost(), within(1e-12));
            assertThat(decision.getAllocations().get(0).getEta()).isEqualTo(chosen.getEta());
            awaitFigures(
                    client, Map.of("SKU-A|D1", figures(10, 0, 10), "SKU-A|S1", figures(10, 2, 8)));

            // every record in (the order's reservation request too) is processed or dead-lettered
            ledger.awaitAllResolvedWithLoop(published, 1, client, DEADLINE);
        }
    }

    private static void assertOption(
            DeliveryOption option,
            String nodeId,
            TransportMode mode,
            long quoteTime,
            double hours,
            double cost,
            double co2eKg) {
        assertThat(option.getPlan())
                .extracting(
                        QuotedShipment::getNodeId,
                        QuotedShipment::getMode,
                        QuotedShipment::getLines)
                .as(option.getMethod().name())
                .containsExactly(tuple(nodeId, mode, List.of(new OrderLine("SKU-A", 2))));
        assertThat(option.getShipments()).isEqualTo(1);
        assertThat(option.getEta())
                .as(option.getMethod() + " ETA")
                .isEqualTo(Instant.ofEpochMilli(quoteTime + Math.round(hours * HOUR)));
        assertThat(option.getShippingCost())
                .as(option.getMethod() + " cost")
                .isCloseTo(cost, within(1e-6));
        assertThat(option.getCo2eKg())
                .as(option.getMethod() + " CO2e")
                .isCloseTo(co2eKg, within(1e-6));
    }

    /** 2 x SKU-A to central London, BALANCED. */
    private static QuoteRequest.Builder quote(String requestId, long time) {
        return QuoteRequest.newBuilder()
                .setEventId("quote-" + requestId)
                .setEventTime(Instant.ofEpochMilli(time))
                .setRequestId(requestId)
                .setChannel("WEB")
                .setLines(new ArrayList<>(List.of(line("SKU-A", 2))))
                .setDestinationLatitude(LAT)
                .setDestinationLongitude(LON)
                .setPreference(RoutingPreference.BALANCED)
                .setRegion("UK");
    }
}

package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.awaitFigures;
import static io.omnistock.engine.OrderFixtures.decisionsByOrder;
import static io.omnistock.engine.OrderFixtures.figures;
import static io.omnistock.engine.OrderFixtures.line;
import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.shipToHome;
import static io.omnistock.engine.OrderFixtures.stock;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.Availability;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.HoldAction;
import io.omnistock.avro.HoldEvent;
import io.omnistock.avro.HoldEventType;
import io.omnistock.avro.HoldRequest;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cart and checkout holds through the real job on the real broker (docs/concepts/holds.md). Two
 * DCs: SKU-E has 5 units at D1 and 2 at D2; SKU-L has its last 3 units at D2. A hold of 2 SKU-E
 * units for any node goes to D1 (the most ATP) for 1 s and expires on the wall clock: HELD, then
 * EXPIRED, and D1 shows 2 held then none. A hold of SKU-L's last 3 units stands for 10 minutes: an
 * order for them meanwhile is BACKORDERED, nothing is reserved and no ATP goes below 0. A release
 * of a hold that does not stand is REFUSED; a HOLD without a TTL is dead-lettered INVALID_HOLD_TTL
 * with its original bytes.
 */
class HoldsITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final double LAT = 51.5;
    private static final double LON = 0.0;

    @Test
    void aHoldExpiresOnTheWallClockAndAStandingHoldKeepsItsUnitsFromOrders() throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        long now = System.currentTimeMillis();
        long nodeTime = now - Duration.ofHours(2).toMillis();
        long stockTime = now - Duration.ofHours(1).toMillis();
        long holdTime = now - Duration.ofMinutes(30).toMillis();

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.EXACTLY_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            for (NodeRecord n : List.of(dc("D1", 100, nodeTime), dc("D2", 300, nodeTime))) {
                client.send(Topics.NODES, n.getNodeId(), n, nodeTime);
            }
            stock(client, WmsEventType.RECEIPT, "SKU-E", "D1", 5, stockTime);
            stock(client, WmsEventType.RECEIPT, "SKU-E", "D2", 2, stockTime);
            stock(client, WmsEventType.RECEIPT, "SKU-L", "D2", 3, stockTime);
            awaitFigures(
                    client,
                    Map.of(
                            "SKU-E|D1", figures(5, 0, 5),
                            "SKU-E|D2", figures(2, 0, 2),
                            "SKU-L|D2", figures(3, 0, 3)));

            send(client, hold("cart-e", "SKU-E", null, 2, 1, holdTime));
            send(client, hold("cart-l", "SKU-L", "D2", 3, 600, holdTime));
            HoldRequest noTtl = hold("cart-bad", "SKU-E", "D1", 1, 0, holdTime);
            send(client, noTtl);
            send(
                    client,
                    HoldRequest.newBuilder(hold("cart-none", "SKU-E", null, 0, 0, holdTime))
                            .setEventId("release-cart-none")
                            .setAction(HoldAction.RELEASE)
                            .build());

            // the short hold: held at D1 (5 > 2), then expired on the wall clock
            Map<String, List<HoldEvent>> byHold =
                    byHold(
                            client.readUntil(
                                    Topics.HOLD_EVENTS,
                                    values ->
                                            values.stream()
                                                    .anyMatch(
                                                            e ->
                                                                    e.getType()
                                                                            == HoldEventType
                                                                                    .EXPIRED),
                                    DEADLINE));
            assertThat(byHold.get("cart-e"))
                    .extracting(HoldEvent::getType, HoldEvent::getNodeId, HoldEvent::getQuantity)
                    .containsExactly(
                            tuple(HoldEventType.HELD, "D1", 2L),
                            tuple(HoldEventType.EXPIRED, "D1", 2L));
            HoldEvent heldE = byHold.get("cart-e").get(0);
            assertThat(heldE.getExpiresAt()).isAfter(Instant.ofEpochMilli(now));
            assertThat(heldE.getChannel()).isEqualTo("WEB");
            assertThat(byHold.get("cart-l"))
                    .extracting(HoldEvent::getType, HoldEvent::getNodeId, HoldEvent::getQuantity)
                    .containsExactly(tuple(HoldEventType.HELD, "D2", 3L));
            assertThat(byHold.get("cart-none"))
                    .singleElement()
                    .satisfies(
                            e -> {
                                assertThat(e.getType()).isEqualTo(HoldEventType.REFUSED);
                                assertThat(e.getReason())
                                        .isEqualTo(
                                                "no hold cart-none stands (never held, released or expired)");
                            });
            assertThat(byHold).doesNotContainKey("cart-bad");

            // D1 showed the 2 units held (ATP 5 - 2 = 3), then none
            List<Availability> d1 =
                    client.readAll(Topics.AVAILABILITY, Duration.ofMillis(300)).stream()
                            .map(KeyedValue::value)
                            .filter(a -> a.getSku().equals("SKU-E") && a.getNodeId().equals("D1"))
                            .toList();
            assertThat(d1)
                    .extracting(Availability::getHeld, Availability::getAtp)
                    .containsSubsequence(tuple(0L, 5L), tuple(2L, 3L), tuple(0L, 5L));

            // the last 3 units of SKU-L are held: an order for them is backordered
            OrderRequest order =
                    shipToHome(
                                    "order-l",
                                    holdTime + 1_000,
                                    RoutingPreference.BALANCED,
                                    LAT,
                                    LON,
                                    line("SKU-L", 3))
                            .build();
            client.send(
                    Topics.ORDER_REQUESTS,
                    order.getOrderId(),
                    order,
                    order.getEventTime().toEpochMilli());
            List<RoutingDecision> decided =
                    decisionsByOrder(
                                    client.readUntil(
                                            Topics.DECISIONS,
                                            values -> !values.isEmpty(),
                                            DEADLINE))
                            .get("order-l");
            assertThat(decided)
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.getStatus()).isEqualTo(DecisionStatus.BACKORDERED);
                                assertThat(d.getAllocations()).isEmpty();
                            });
            List<Availability> all =
                    client.readAll(Topics.AVAILABILITY, Duration.ofMillis(300)).stream()
                            .map(KeyedValue::value)
                            .toList();
            assertThat(all).allSatisfy(a -> assertThat(a.getAtp()).isNotNegative());
            assertThat(OrderFixtures.latestAvailability(client).get("SKU-L|D2"))
                    .extracting(
                            Availability::getHeld, Availability::getReserved, Availability::getAtp)
                    .containsExactly(3L, 0L, 0L);

            // the order that names the hold takes its units: ROUTED from D2, the hold CONVERTED
            OrderRequest confirming =
                    shipToHome(
                                    "order-c",
                                    holdTime + 2_000,
                                    RoutingPreference.BALANCED,
                                    LAT,
                                    LON,
                                    line("SKU-L", 3))
                            .setHoldIds(List.of("cart-l"))
                            .build();
            client.send(
                    Topics.ORDER_REQUESTS,
                    confirming.getOrderId(),
                    confirming,
                    confirming.getEventTime().toEpochMilli());
            List<RoutingDecision> confirmed =
                    decisionsByOrder(
                                    client.readUntil(
                                            Topics.DECISIONS,
                                            values ->
                                                    values.stream()
                                                            .anyMatch(
                                                                    d ->
                                                                            d.getOrderId()
                                                                                    .equals(
                                                                                            "order-c")),
                                            DEADLINE))
                            .get("order-c");
            assertThat(confirmed)
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.getStatus()).isEqualTo(DecisionStatus.ROUTED);
                                assertThat(d.getAllocations())
                                        .extracting(a -> tuple(a.getNodeId(), a.getQuantity()))
                                        .containsExactly(tuple("D2", 3));
                            });
            assertThat(
                            client
                                    .readUntil(
                                            Topics.HOLD_EVENTS,
                                            values ->
                                                    values.stream()
                                                            .anyMatch(
                                                                    e ->
                                                                            e.getType()
                                                                                    == HoldEventType
                                                                                            .CONVERTED),
                                            DEADLINE)
                                    .stream()
                                    .map(KeyedValue::value)
                                    .filter(e -> e.getHoldId().equals("cart-l"))
                                    .toList())
                    .extracting(HoldEvent::getType, HoldEvent::getNodeId, HoldEvent::getQuantity)
                    .containsExactly(
                            tuple(HoldEventType.HELD, "D2", 3L),
                            tuple(HoldEventType.CONVERTED, "D2", 3L));
            awaitFigures(client, Map.of("SKU-L|D2", figures(3, 3, 0)));
            assertThat(
                            client.readAll(Topics.AVAILABILITY, Duration.ofMillis(300)).stream()
                                    .map(KeyedValue::value)
                                    .toList())
                    .allSatisfy(a -> assertThat(a.getAtp()).isNotNegative())
                    .allSatisfy(
                            a ->
                                    assertThat(a.getReserved() + a.getHeld())
                                            .as("no oversell: %s", a)
                                            .isLessThanOrEqualTo(a.getOnHand()));
            assertThat(OrderFixtures.latestAvailability(client).get("SKU-L|D2").getHeld()).isZero();

            // the HOLD without a TTL, dead-lettered with its bytes
            List<KeyedValue<DeadLetter>> deadLetters =
                    client.readUntil(Topics.DEADLETTER, values -> !values.isEmpty(), DEADLINE);
            assertThat(deadLetters)
                    .singleElement()
                    .satisfies(
                            dl -> {
                                assertThat(dl.value().getReason())
                                        .isEqualTo(DeadLetterReason.INVALID_HOLD_TTL);
                                assertThat(dl.value().getSourceTopic())
                                        .isEqualTo(Topics.HOLD_REQUESTS.name());
                                assertThat(decode(dl.value().getOriginalBytes().array()))
                                        .isEqualTo(noTtl);
                            });
        }
    }

    private static HoldRequest decode(byte[] bytes) {
        try {
            return Topics.HOLD_REQUESTS.codec().decode(bytes);
        } catch (io.omnistock.contracts.DecodeException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, List<HoldEvent>> byHold(List<KeyedValue<HoldEvent>> events) {
        Map<String, List<HoldEvent>> byHold = new java.util.LinkedHashMap<>();
        for (KeyedValue<HoldEvent> e : events) {
            assertThat(e.key()).isEqualTo(e.value().getHoldId());
            byHold.computeIfAbsent(e.key(), k -> new java.util.ArrayList<>()).add(e.value());
        }
        return byHold;
    }

    private static void send(KafkaTestClient client, HoldRequest request) {
        client.send(
                Topics.HOLD_REQUESTS,
                request.getSku(),
                request,
                request.getEventTime().toEpochMilli());
    }

    static HoldRequest hold(
            String holdId, String sku, String nodeId, int quantity, int ttlSeconds, long time) {
        return HoldRequest.newBuilder()
                .setEventId("hold-" + holdId)
                .setEventTime(Instant.ofEpochMilli(time))
                .setHoldId(holdId)
                .setSku(sku)
                .setAction(HoldAction.HOLD)
                .setNodeId(nodeId)
                .setQuantity(quantity)
                .setTtlSeconds(ttlSeconds)
                .setChannel("WEB")
                .build();
    }

    private static NodeRecord dc(String nodeId, double km, long time) {
        return node(
                nodeId,
                NodeType.DC,
                OrderFixtures.kmNorth(LAT, km),
                LON,
                0,
                1.0,
                NodeStatus.OPEN,
                time,
                FulfilmentMethod.SHIP_TO_HOME);
    }
}

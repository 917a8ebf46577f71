package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.awaitFigures;
import static io.omnistock.engine.OrderFixtures.figures;
import static io.omnistock.engine.OrderFixtures.latestAvailability;
import static io.omnistock.engine.OrderFixtures.line;
import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.shipToHome;
import static io.omnistock.engine.OrderFixtures.stock;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.Allocation;
import io.omnistock.avro.Availability;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.InboundPromise;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.ThreePlEventType;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.domain.promises.FutureSupply;
import io.omnistock.testing.Await;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Promises against inbound supply through the real job, exactly-once, on the real broker, in one
 * job run (docs/concepts/inbound-promises.md): orders allowing future supply are promised units of
 * ASNs no other order was promised, and the decisions say so; a receipt keeps the promise (the
 * units become on-hand reservations), an ASN revised down re-promises the newest order from other
 * inbound, and an ASN running late past an order's promise date backorders it. Three SKUs, one
 * story each, every figure worked out by hand in the comments. Orders of a SKU are sent one after
 * the other's decision, so which order is the newer is the test's choice, not the broker's.
 */
class InboundPromisesITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final double LAT = 51.5;
    private static final double LON = 0.0;
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private static final String KEPT = "SKU-KEPT";
    private static final String REVISED = "SKU-REVISED";
    private static final String LATE = "SKU-LATE";

    @Test
    void promisesAreKeptByReceiptsAndMovedByRevisedOrLateAsns() throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        long now = System.currentTimeMillis();
        long nodeTime = now - 2 * HOUR;
        long stockTime = now - HOUR;
        long orderTime = now - Duration.ofMinutes(30).toMillis();
        long eta24 = orderTime + 24 * HOUR;
        long eta36 = orderTime + 36 * HOUR;

        NodeRecord d1 = dc("D1", 100, nodeTime);
        NodeRecord d2 = dc("D2", 300, nodeTime);

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.EXACTLY_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            for (NodeRecord n : List.of(d1, d2)) {
                client.send(Topics.NODES, n.getNodeId(), n, nodeTime);
            }
            stock(client, WmsEventType.RECEIPT, KEPT, "D1", 2, stockTime);
            asn(client, KEPT, "D1", "ASN-K", 10, stockTime, eta24);
            asn(client, REVISED, "D1", "ASN-R1", 10, stockTime, eta24);
            asn(client, REVISED, "D2", "ASN-R2", 5, stockTime, eta36);
            asn(client, LATE, "D1", "ASN-L", 10, stockTime, eta24);
            Await.until(
                    "the ASNs are in transit",
                    () -> inTransit(latestAvailability(client)),
                    Map.of(
                                    KEPT + "|D1", 10L,
                                    REVISED + "|D1", 10L,
                                    REVISED + "|D2", 5L,
                                    LATE + "|D1", 10L)
                            ::equals,
                    DEADLINE);

            // --- kept: K-1 wants 6 (2 on hand + 4 of ASN-K), K-2 wants 8 (ASN-K's last 6) ---
            RoutingDecision k1 = order(client, futureSupply("K-1", KEPT, 6, orderTime));
            assertThat(k1.getStatus()).isEqualTo(DecisionStatus.PARTIALLY_ROUTED);
            assertThat(allocated(k1)).isEqualTo(2);
            assertPromises(k1).containsExactly(tuple("ASN-K", "D1", 4, eta24));
            RoutingDecision k2 = order(client, futureSupply("K-2", KEPT, 8, orderTime + 1));
            assertThat(k2.getStatus()).isEqualTo(DecisionStatus.BACKORDERED);
            assertPromises(k2).containsExactly(tuple("ASN-K", "D1", 6, eta24));

            // --- revised: R-1 wants 4 (ASN-R1), R-2 wants 8 (ASN-R1 6, then ASN-R2 2) ---
            order(client, futureSupply("R-1", REVISED, 4, orderTime));
            RoutingDecision r2 = order(client, futureSupply("R-2", REVISED, 8, orderTime + 1));
            assertPromises(r2)
                    .containsExactly(
                            tuple("ASN-R1", "D1", 6, eta24), tuple("ASN-R2", "D2", 2, eta36));

            // --- late: L-1 promised by +3 d (ASN-L 4), L-2 by +26 h (ASN-L 3, due +24 h) ---
            order(client, futureSupply("L-1", LATE, 4, orderTime));
            RoutingDecision l2 =
                    order(
                            client,
                            OrderRequest.newBuilder(futureSupply("L-2", LATE, 3, orderTime + 1))
                                    .setPromiseBy(Instant.ofEpochMilli(orderTime + 26 * HOUR))
                                    .build());
            assertPromises(l2).containsExactly(tuple("ASN-L", "D1", 3, eta24));

            // the events that move the promises, at once
            long moved = now - Duration.ofMinutes(10).toMillis();
            client.send(
                    Topics.WMS,
                    KEPT,
                    WmsEvent.newBuilder()
                            .setEventId("receipt-ASN-K")
                            .setEventTime(Instant.ofEpochMilli(moved))
                            .setSku(KEPT)
                            .setNodeId("D1")
                            .setType(WmsEventType.RECEIPT)
                            .setQuantity(10)
                            .setAsnId("ASN-K")
                            .build(),
                    moved);
            asn(client, REVISED, "D1", "ASN-R1", 7, moved, eta24); // 3 fewer
            asn(client, LATE, "D1", "ASN-L", 10, moved, orderTime + 30 * HOUR); // +6 h

            // kept: ASN-K's 10 arrive; K-1's 4 and K-2's 6 become reservations at D1
            RoutingDecision k1Kept = reRouted(client, "K-1", "INBOUND_RECEIVED");
            assertThat(allocated(k1Kept)).isEqualTo(6);
            assertThat(k1Kept.getBackordered()).isEmpty();
            assertThat(k1Kept.getInboundPromises()).isEmpty();
            RoutingDecision k2Kept = reRouted(client, "K-2", "INBOUND_RECEIVED");
            assertThat(allocated(k2Kept)).isEqualTo(6);
            assertThat(backordered(k2Kept)).isEqualTo(2);

            // revised: 3 too many promised on ASN-R1; R-2 (newest) moves 3 to ASN-R2 (5 - 2)
            RoutingDecision r2Moved = reRouted(client, "R-2", "INBOUND_REVISED");
            assertPromises(r2Moved)
                    .containsExactlyInAnyOrder(
                            tuple("ASN-R1", "D1", 3, eta24), tuple("ASN-R2", "D2", 5, eta36));

            // late: ASN-L now due +30 h, after L-2's +26 h: backordered; L-1 (+3 d) keeps its 4
            RoutingDecision l2Late = reRouted(client, "L-2", "INBOUND_LATE");
            assertThat(l2Late.getInboundPromises()).isEmpty();
            assertThat(backordered(l2Late)).isEqualTo(3);

            // on-hand 2 + 10 all reserved; ASN-R1's 7 and ASN-R2's 5 all promised; ASN-L has
            // 10 - 4 unpromised, due on the day of +30 h
            awaitFigures(
                    client,
                    Map.of(
                            KEPT + "|D1", figures(12, 12, 0),
                            REVISED + "|D1", figures(0, 0, 0),
                            LATE + "|D1", figures(0, 0, 0)));
            Await.until(
                    "future ATP: only unpromised inbound",
                    () -> futureAtp(latestAvailability(client)),
                    Map.of(
                                    KEPT + "|D1", List.of(),
                                    REVISED + "|D1", List.of(),
                                    REVISED + "|D2", List.of(),
                                    LATE + "|D1",
                                            List.of(
                                                    FutureSupply.endOfDay(orderTime + 30 * HOUR)
                                                            + "=6"))
                            ::equals,
                    DEADLINE);
            assertThat(decisionsOf(client, "L-1")).as("L-1 kept its promise").hasSize(1);
            assertThat(decisionsOf(client, "R-1")).as("R-1 kept its promise").hasSize(1);
        }
    }

    private static NodeRecord dc(String id, double km, long time) {
        return node(
                id,
                NodeType.DC,
                OrderFixtures.kmNorth(LAT, km),
                LON,
                0,
                1.0,
                NodeStatus.OPEN,
                time,
                FulfilmentMethod.SHIP_TO_HOME);
    }

    private static void asn(
            KafkaTestClient client,
            String sku,
            String nodeId,
            String asnId,
            int units,
            long time,
            long eta) {
        client.send(
                Topics.THREE_PL,
                sku,
                ThreePlEvent.newBuilder()
                        .setEventId(asnId + "@" + time + "/" + units + "/" + eta)
                        .setEventTime(Instant.ofEpochMilli(time))
                        .setSku(sku)
                        .setNodeId(nodeId)
                        .setType(ThreePlEventType.ASN)
                        .setQuantity(units)
                        .setAsnId(asnId)
                        .setEta(Instant.ofEpochMilli(eta))
                        .build(),
                time);
    }

    private static OrderRequest futureSupply(String orderId, String sku, int units, long time) {
        return shipToHome(orderId, time, RoutingPreference.BALANCED, LAT, LON, line(sku, units))
                .setAllowFutureSupply(true)
                .build();
    }

    /** Sends the order and returns its first decision. */
    private static RoutingDecision order(KafkaTestClient client, OrderRequest order)
            throws Exception {
        client.send(
                Topics.ORDER_REQUESTS,
                order.getOrderId(),
                order,
                order.getEventTime().toEpochMilli());
        return awaitDecision(client, order.getOrderId(), d -> true);
    }

    private static RoutingDecision reRouted(KafkaTestClient client, String orderId, String why)
            throws Exception {
        return awaitDecision(
                client,
                orderId,
                d ->
                        d.getStatus() == DecisionStatus.RE_ROUTED
                                && d.getReason() != null
                                && d.getReason().startsWith(why));
    }

    private static RoutingDecision awaitDecision(
            KafkaTestClient client, String orderId, Predicate<RoutingDecision> which)
            throws Exception {
        Predicate<RoutingDecision> match = d -> d.getOrderId().equals(orderId) && which.test(d);
        List<KeyedValue<RoutingDecision>> read =
                client.readUntil(
                        Topics.DECISIONS, values -> values.stream().anyMatch(match), DEADLINE);
        return read.stream().map(KeyedValue::value).filter(match).findFirst().orElseThrow();
    }

    private static List<RoutingDecision> decisionsOf(KafkaTestClient client, String orderId) {
        return client.readAll(Topics.DECISIONS, Duration.ofMillis(500)).stream()
                .map(KeyedValue::value)
                .filter(d -> d.getOrderId().equals(orderId))
                .toList();
    }

    private static org.assertj.core.api.AbstractListAssert<
                    ?,
                    List<? extends org.assertj.core.groups.Tuple>,
                    org.assertj.core.groups.Tuple,
                    org.assertj.core.api.ObjectAssert<org.assertj.core.groups.Tuple>>
            assertPromises(RoutingDecision d) {
        assertThat(d.getInboundPromises()).allMatch(InboundPromise::getReserved);
        return assertThat(d.getInboundPromises())
                .extracting(
                        InboundPromise::getAsnId,
                        InboundPromise::getNodeId,
                        InboundPromise::getQuantity,
                        p -> p.getExpectedAt().toEpochMilli());
    }

    private static int allocated(RoutingDecision d) {
        return d.getAllocations().stream().mapToInt(Allocation::getQuantity).sum();
    }

    private static int backordered(RoutingDecision d) {
        return d.getBackordered().stream().mapToInt(OrderLine::getQuantity).sum();
    }

    private static Map<String, Long> inTransit(Map<String, Availability> published) {
        Map<String, Long> inTransit = new java.util.TreeMap<>();
        published.forEach((key, a) -> inTransit.put(key, a.getInTransit()));
        return inTransit;
    }

    private static Map<String, List<String>> futureAtp(Map<String, Availability> published) {
        Map<String, List<String>> future = new java.util.TreeMap<>();
        published.forEach(
                (key, a) ->
                        future.put(
                                key,
                                a.getFutureAtp().stream()
                                        .map(b -> b.getUntil().toEpochMilli() + "=" + b.getUnits())
                                        .toList()));
        return future;
    }
}

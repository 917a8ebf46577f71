package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.allocatedByPosition;
import static io.omnistock.engine.OrderFixtures.awaitFigures;
import static io.omnistock.engine.OrderFixtures.decisionsByOrder;
import static io.omnistock.engine.OrderFixtures.figures;
import static io.omnistock.engine.OrderFixtures.line;
import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.shipToHome;
import static io.omnistock.engine.OrderFixtures.stock;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.ReservationAction;
import io.omnistock.avro.ReservationRequest;
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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The single-SKU fast path through the real job, exactly-once, on the real broker: 24 single-SKU
 * orders race for the last 6 promisable units of one SKU (4 at a DC, 3 at a store with safety stock
 * 1), sent at once, while a two-SKU order takes the reservation loop. Every single-SKU order is
 * decided in one planning round with not one record on {@code orders.reservations} for it; no unit
 * is granted beyond on-hand minus safety stock and the published availability holds exactly what
 * the decisions allocate. The two-SKU order's RESERVE requests are on the topic: the loop is still
 * there, and the test reads the topic it asserts is free of the others.
 */
class SingleSkuFastPathITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final double LAT = 51.5;
    private static final double LON = 0.0;
    private static final int RACERS = 24;
    private static final String LAST = "SKU-LAST";

    @Test
    void singleSkuOrdersAreDecidedWithoutTheLoopAndNeverOversell() throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        long now = System.currentTimeMillis();
        long nodeTime = now - Duration.ofHours(2).toMillis();
        long stockTime = now - Duration.ofHours(1).toMillis();
        long orderTime = now - Duration.ofMinutes(30).toMillis();

        NodeRecord dc =
                node(
                        "D1",
                        NodeType.DC,
                        OrderFixtures.kmNorth(LAT, 200),
                        LON,
                        0,
                        1.0,
                        NodeStatus.OPEN,
                        nodeTime,
                        FulfilmentMethod.SHIP_TO_HOME);
        NodeRecord store =
                node(
                        "S1",
                        NodeType.STORE,
                        OrderFixtures.kmNorth(LAT, 10),
                        LON,
                        1,
                        3.0,
                        NodeStatus.OPEN,
                        nodeTime,
                        FulfilmentMethod.SHIP_FROM_STORE);

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.EXACTLY_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            for (NodeRecord n : List.of(dc, store)) {
                client.send(Topics.NODES, n.getNodeId(), n, nodeTime);
            }
            stock(client, WmsEventType.RECEIPT, LAST, "D1", 4, stockTime);
            stock(client, WmsEventType.RECEIPT, LAST, "S1", 3, stockTime);
            stock(client, WmsEventType.RECEIPT, "SKU-A", "D1", 5, stockTime);
            stock(client, WmsEventType.RECEIPT, "SKU-B", "D1", 5, stockTime);
            awaitFigures(
                    client,
                    Map.of(
                            LAST + "|D1",
                            figures(4, 0, 4),
                            LAST + "|S1",
                            figures(3, 0, 2),
                            "SKU-A|D1",
                            figures(5, 0, 5),
                            "SKU-B|D1",
                            figures(5, 0, 5)));

            Set<String> racers = new TreeSet<>();
            RoutingPreference[] preferences = RoutingPreference.values();
            for (int n = 0; n < RACERS; n++) {
                String orderId = String.format("last-%02d", n);
                racers.add(orderId);
                OrderRequest order =
                        shipToHome(
                                        orderId,
                                        orderTime + n,
                                        preferences[n % preferences.length],
                                        LAT,
                                        LON,
                                        line(LAST, 1))
                                .build();
                client.send(Topics.ORDER_REQUESTS, orderId, order, orderTime + n);
            }
            OrderRequest twoSkus =
                    shipToHome(
                                    "two-skus",
                                    orderTime,
                                    RoutingPreference.BALANCED,
                                    LAT,
                                    LON,
                                    line("SKU-A", 1),
                                    line("SKU-B", 2))
                            .build();
            client.send(Topics.ORDER_REQUESTS, "two-skus", twoSkus, orderTime);

            Map<String, List<RoutingDecision>> decided =
                    decisionsByOrder(
                            client.readUntil(
                                    Topics.DECISIONS,
                                    values -> values.size() >= RACERS + 1,
                                    DEADLINE));
            assertThat(decided).hasSize(RACERS + 1).containsKey("two-skus");
            assertThat(decided.get("two-skus"))
                    .singleElement()
                    .satisfies(d -> assertThat(d.getStatus()).isEqualTo(DecisionStatus.ROUTED));

            Map<DecisionStatus, Integer> statuses = new EnumMap<>(DecisionStatus.class);
            for (String orderId : racers) {
                assertThat(decided.get(orderId)).as(orderId).hasSize(1);
                RoutingDecision d = decided.get(orderId).get(0);
                statuses.merge(d.getStatus(), 1, Integer::sum);
                assertThat(d.getAttempts()).as("%s planned once", orderId).isEqualTo(1);
                if (d.getStatus() == DecisionStatus.ROUTED) {
                    assertThat(d.getCandidates()).as("%s candidates", orderId).isNotEmpty();
                    assertThat(d.getBaselineCo2eKg()).as("%s baseline", orderId).isNotNull();
                }
            }
            assertThat(statuses)
                    .as("6 units to promise, one each")
                    .containsEntry(DecisionStatus.ROUTED, 6)
                    .containsEntry(DecisionStatus.BACKORDERED, RACERS - 6);
            Map<String, Long> allocated = allocatedByPosition(decided);
            assertThat(allocated)
                    .as("never beyond on-hand minus safety stock")
                    .containsEntry(LAST + "|D1", 4L)
                    .containsEntry(LAST + "|S1", 2L);

            List<KeyedValue<ReservationRequest>> loop =
                    client.readAll(Topics.RESERVATIONS, Duration.ofSeconds(2));
            List<String> forRacers = new ArrayList<>();
            List<String> forTwoSkus = new ArrayList<>();
            for (KeyedValue<ReservationRequest> r : loop) {
                String orderId = r.value().getOrderId();
                if (racers.contains(orderId)) {
                    forRacers.add(r.value().getEventId());
                } else if (orderId.equals("two-skus")
                        && r.value().getAction() == ReservationAction.RESERVE) {
                    forTwoSkus.add(r.value().getSku());
                }
            }
            assertThat(forRacers).as("reservation requests of single-SKU orders").isEmpty();
            assertThat(forTwoSkus)
                    .as("the two-SKU order took the loop")
                    .containsExactlyInAnyOrder("SKU-A", "SKU-B");

            awaitFigures(
                    client,
                    Map.of(
                            LAST + "|D1",
                            figures(4, 4, 0),
                            LAST + "|S1",
                            figures(3, 2, 0),
                            "SKU-A|D1",
                            figures(5, 1, 4),
                            "SKU-B|D1",
                            figures(5, 2, 3)));
        }
    }
}

package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.awaitFigures;
import static io.omnistock.engine.OrderFixtures.decisionsByOrder;
import static io.omnistock.engine.OrderFixtures.figures;
import static io.omnistock.engine.OrderFixtures.kmNorth;
import static io.omnistock.engine.OrderFixtures.lifecycle;
import static io.omnistock.engine.OrderFixtures.line;
import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.shipToHome;
import static io.omnistock.engine.OrderFixtures.stock;
import static io.omnistock.engine.OrderFixtures.withStatus;
import static io.omnistock.engine.OrderFixtures.wms;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.omnistock.avro.AlertType;
import io.omnistock.avro.Allocation;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.InventoryAlert;
import io.omnistock.avro.LifecycleType;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.ScoredCandidate;
import io.omnistock.avro.TransportMode;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What happens to a routed order's reservation afterwards (docs/design.md section 4), on the
 * running job: CANCELLED releases it, SHIPPED turns it into an on-hand decrement, a count that
 * leaves reserved above on-hand raises a SHORTAGE and moves it to another node with stock
 * (RE_ROUTED, revision 2), and so does closing the node. One SKU per story, so they run side by
 * side.
 *
 * <p>The network, on one meridian (great-circle km exact), with the default policy and carbon table
 * (PARCEL_GROUND: 12 h + 60 km/h, 4.00 + 0.004/km; TRUCK_LTL 0.12522 kg CO2e/t-km, circuity 1.2;
 * last-mile parcel 0.50999 kg; 1 kg a unit):
 *
 * <pre>
 * node  type   km north of the customer  handling cost  handling h  offers
 * S1    STORE                        10           3.00           2  SHIP_FROM_STORE
 * S2    STORE                        20           3.00           2  SHIP_FROM_STORE
 * D1    DC                          200           1.00           4  SHIP_TO_HOME
 *
 * "short" orders 3 x SKU-SHORT, GREENEST; S1 and D1 have it (S2 has none, so no plan there):
 *       travel km  ETA h = handling + 12 + km/60   cost = handling + 4 + 0.004 km
 *   S1      12     2 + 12 + 0.2 = 14.2             3 + 4 + 0.048 = 7.048
 *   D1     240     4 + 12 + 4   = 20               1 + 4 + 0.96  = 5.96
 *       kg CO2e = km x 0.003 t x 0.12522 + 0.50999 (one parcel)
 *   S1  0.00450792 + 0.50999 = 0.51449792
 *   D1  0.0901584  + 0.50999 = 0.6001484
 * Both keep the promise, so both are 0 h late and both speed parts are 0; two plans, so the
 * other min-max parts are 0 or 1: S1 (cost 1, speed 0, carbon 0), D1 (0, 0, 1).
 *   GREENEST (0.15, 0.15, 0.7): S1 0.15, D1 0.70  -> S1, PARCEL_GROUND (gc 10 km, well within promise)
 *   CHEAPEST (0.7, 0.15, 0.15): S1 0.70, D1 0.15  -> D1 ("cheap", 1 x SKU-SHORT)
 * </pre>
 */
class RoutingLifecycleITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final double LAT = 51.5;
    private static final double LON = 0.0;
    private static final double EXACT = 1e-9;

    @Test
    void cancelShipShortageAndClosureEachSettleTheReservation() throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        long now = System.currentTimeMillis();
        long nodeTime = now - Duration.ofHours(2).toMillis();
        long stockTime = now - Duration.ofHours(1).toMillis();
        long orderTime = now - Duration.ofMinutes(30).toMillis();
        long laterTime = now - Duration.ofMinutes(10).toMillis();

        NodeRecord s1 = store("S1", 10, nodeTime);
        NodeRecord s2 = store("S2", 20, nodeTime);
        NodeRecord d1 =
                node(
                        "D1",
                        NodeType.DC,
                        kmNorth(LAT, 200),
                        LON,
                        0,
                        1.0,
                        NodeStatus.OPEN,
                        nodeTime,
                        FulfilmentMethod.SHIP_TO_HOME);

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.AT_LEAST_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            for (NodeRecord n : List.of(s1, s2, d1)) {
                client.send(Topics.NODES, n.getNodeId(), n, nodeTime);
            }
            stock(client, WmsEventType.RECEIPT, "SKU-CANCEL", "S1", 5, stockTime);
            stock(client, WmsEventType.RECEIPT, "SKU-SHIP", "S1", 5, stockTime);
            stock(client, WmsEventType.CYCLE_COUNT, "SKU-SHORT", "S1", 5, stockTime);
            stock(client, WmsEventType.CYCLE_COUNT, "SKU-SHORT", "D1", 10, stockTime);
            stock(client, WmsEventType.RECEIPT, "SKU-CLOSE", "S2", 4, stockTime);
            stock(client, WmsEventType.RECEIPT, "SKU-CLOSE", "D1", 6, stockTime);
            awaitFigures(
                    client,
                    Map.of(
                            "SKU-CANCEL|S1", figures(5, 0, 5),
                            "SKU-SHIP|S1", figures(5, 0, 5),
                            "SKU-SHORT|S1", figures(5, 0, 5),
                            "SKU-SHORT|D1", figures(10, 0, 10),
                            "SKU-CLOSE|S2", figures(4, 0, 4),
                            "SKU-CLOSE|D1", figures(6, 0, 6)));

            order(client, "cancel", orderTime, RoutingPreference.GREENEST, "SKU-CANCEL", 2);
            order(client, "ship", orderTime, RoutingPreference.GREENEST, "SKU-SHIP", 2);
            order(client, "short", orderTime, RoutingPreference.GREENEST, "SKU-SHORT", 3);
            order(client, "cheap", orderTime, RoutingPreference.CHEAPEST, "SKU-SHORT", 1);
            order(client, "close", orderTime, RoutingPreference.GREENEST, "SKU-CLOSE", 2);
            Map<String, List<RoutingDecision>> decided =
                    decisionsByOrder(
                            client.readUntil(
                                    Topics.DECISIONS, values -> values.size() >= 5, DEADLINE));
            assertThat(decided).containsOnlyKeys("cancel", "ship", "short", "cheap", "close");
            decided.values()
                    .forEach(
                            d ->
                                    assertThat(d)
                                            .singleElement()
                                            .satisfies(
                                                    x -> {
                                                        assertThat(x.getStatus())
                                                                .isEqualTo(DecisionStatus.ROUTED);
                                                        assertThat(x.getRevision()).isEqualTo(1);
                                                    }));

            // by hand (class comment): GREENEST takes the near store, CHEAPEST the far DC
            RoutingDecision shortOrder = decided.get("short").get(0);
            assertThat(shortOrder.getAllocations()).hasSize(1);
            assertAllocation(
                    shortOrder.getAllocations().get(0),
                    "S1",
                    "SKU-SHORT",
                    3,
                    orderTime,
                    14.2,
                    7.048,
                    12.0,
                    0.51449792);
            assertThat(shortOrder.getShipments()).isEqualTo(1);
            assertThat(shortOrder.getTotalCost()).isCloseTo(7.048, within(EXACT));
            assertThat(shortOrder.getBaselineCo2eKg()).isCloseTo(0.6001484, within(EXACT));
            assertThat(shortOrder.getCandidates()).hasSize(2);
            assertCandidate(shortOrder.getCandidates().get(0), 1, true, "S1", 1, 0, 0, 0.15);
            assertCandidate(shortOrder.getCandidates().get(1), 2, false, "D1", 0, 0, 1, 0.7);
            RoutingDecision cheap = decided.get("cheap").get(0);
            assertAllocation(
                    cheap.getAllocations().get(0),
                    "D1",
                    "SKU-SHORT",
                    1,
                    orderTime,
                    20.0,
                    5.96,
                    240.0,
                    240 * 0.001 * 0.12522 + 0.50999);
            assertThat(cheap.getCandidates().get(0).getTotalScore()).isCloseTo(0.15, within(EXACT));
            assertThat(cheap.getCandidates().get(1).getTotalScore()).isCloseTo(0.70, within(EXACT));
            assertThat(nodeOf(decided.get("cancel"))).isEqualTo("S1");
            assertThat(nodeOf(decided.get("ship"))).isEqualTo("S1");
            assertThat(nodeOf(decided.get("close")))
                    .as("20 km store beats 200 km DC")
                    .isEqualTo("S2");

            awaitFigures(
                    client,
                    Map.of(
                            "SKU-CANCEL|S1", figures(5, 2, 3),
                            "SKU-SHIP|S1", figures(5, 2, 3),
                            "SKU-SHORT|S1", figures(5, 3, 2),
                            "SKU-SHORT|D1", figures(10, 1, 9),
                            "SKU-CLOSE|S2", figures(4, 2, 2),
                            "SKU-CLOSE|D1", figures(6, 0, 6)));

            client.send(
                    Topics.ORDER_LIFECYCLE,
                    "cancel",
                    lifecycle("cancelled-1", laterTime, "cancel", LifecycleType.CANCELLED),
                    laterTime);
            client.send(
                    Topics.ORDER_LIFECYCLE,
                    "ship",
                    lifecycle("shipped-1", laterTime, "ship", LifecycleType.SHIPPED),
                    laterTime);
            // a recount finds 1 of the 5 units at S1, 3 of which "short" holds
            client.send(
                    Topics.WMS,
                    "SKU-SHORT",
                    wms(WmsEventType.CYCLE_COUNT, "recount-S1", laterTime, "SKU-SHORT", "S1", 1),
                    laterTime);
            client.send(
                    Topics.NODES, "S2", withStatus(s2, NodeStatus.CLOSED, laterTime), laterTime);

            awaitFigures(
                    client,
                    Map.of(
                            "SKU-CANCEL|S1", figures(5, 0, 5), // released
                            "SKU-SHIP|S1", figures(3, 0, 3), // shipped: on-hand down by 2
                            "SKU-SHORT|S1", figures(1, 0, 1), // moved off
                            "SKU-SHORT|D1", figures(10, 4, 6), // ... to D1: cheap's 1 + short's 3
                            "SKU-CLOSE|S2", figures(4, 0, 4), // moved off the closed store
                            "SKU-CLOSE|D1", figures(6, 2, 4)));

            client.readUntil(Topics.DECISIONS, values -> values.size() >= 7, DEADLINE);
            Map<String, List<RoutingDecision>> after =
                    decisionsByOrder(client.readAll(Topics.DECISIONS, Duration.ofSeconds(1)));
            for (String moved : List.of("short", "close")) {
                assertThat(after.get(moved)).as(moved).hasSize(2);
                RoutingDecision reRouted = after.get(moved).get(1);
                assertThat(reRouted.getStatus()).as(moved).isEqualTo(DecisionStatus.RE_ROUTED);
                assertThat(reRouted.getRevision()).as(moved).isEqualTo(2);
                assertThat(reRouted.getReason()).as(moved).isNotBlank();
            }
            RoutingDecision shortMoved = after.get("short").get(1);
            assertThat(shortMoved.getUnitsAllocated()).isEqualTo(3);
            assertThat(shortMoved.getAllocations()).hasSize(1);
            assertAllocation(
                    shortMoved.getAllocations().get(0),
                    "D1",
                    "SKU-SHORT",
                    3,
                    orderTime,
                    20.0,
                    5.96,
                    240.0,
                    0.6001484);
            RoutingDecision closeMoved = after.get("close").get(1);
            assertThat(closeMoved.getUnitsAllocated()).isEqualTo(2);
            assertThat(closeMoved.getAllocations())
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getNodeId()).isEqualTo("D1");
                                assertThat(a.getQuantity()).isEqualTo(2);
                                assertThat(a.getMode()).isEqualTo(TransportMode.PARCEL_GROUND);
                            });
            for (String settled : List.of("cancel", "ship", "cheap")) {
                assertThat(after.get(settled)).as("%s has no later decision", settled).hasSize(1);
            }

            List<KeyedValue<InventoryAlert>> shortages =
                    client.readUntil(
                            Topics.ALERTS,
                            values ->
                                    values.stream()
                                            .anyMatch(a -> a.getType() == AlertType.SHORTAGE),
                            DEADLINE);
            assertThat(shortages)
                    .filteredOn(a -> a.value().getType() == AlertType.SHORTAGE)
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.key()).isEqualTo("SKU-SHORT|S1");
                                assertThat(a.value().getSku()).isEqualTo("SKU-SHORT");
                                assertThat(a.value().getNodeId()).isEqualTo("S1");
                            });
        }
    }

    private static NodeRecord store(String nodeId, double kmNorth, long time) {
        return node(
                nodeId,
                NodeType.STORE,
                kmNorth(LAT, kmNorth),
                LON,
                0,
                3.0,
                NodeStatus.OPEN,
                time,
                FulfilmentMethod.SHIP_FROM_STORE);
    }

    private static void order(
            KafkaTestClient client,
            String orderId,
            long time,
            RoutingPreference preference,
            String sku,
            int units) {
        OrderRequest order =
                shipToHome(orderId, time, preference, LAT, LON, line(sku, units)).build();
        client.send(Topics.ORDER_REQUESTS, orderId, order, time);
    }

    private static String nodeOf(List<RoutingDecision> decisions) {
        return decisions.get(decisions.size() - 1).getAllocations().get(0).getNodeId();
    }

    private static void assertAllocation(
            Allocation a,
            String nodeId,
            String sku,
            int quantity,
            long orderTime,
            double etaHours,
            double cost,
            double distanceKm,
            double co2eKg) {
        assertThat(a.getNodeId()).isEqualTo(nodeId);
        assertThat(a.getSku()).isEqualTo(sku);
        assertThat(a.getQuantity()).isEqualTo(quantity);
        assertThat(a.getMode()).isEqualTo(TransportMode.PARCEL_GROUND);
        assertThat(a.getEta().toEpochMilli())
                .isEqualTo(orderTime + Math.round(etaHours * 3_600_000));
        assertThat(a.getCost()).isCloseTo(cost, within(EXACT));
        assertThat(a.getDistanceKm()).isCloseTo(distanceKm, within(EXACT));
        assertThat(a.getCo2eKg()).isCloseTo(co2eKg, within(EXACT));
    }

    private static void assertCandidate(
            ScoredCandidate c,
            int rank,
            boolean chosen,
            String nodeId,
            double costScore,
            double speedScore,
            double carbonScore,
            double total) {
        assertThat(c.getRank()).isEqualTo(rank);
        assertThat(c.getChosen()).isEqualTo(chosen);
        assertThat(c.getNodes()).containsExactly(nodeId);
        assertThat(c.getCostScore()).isCloseTo(costScore, within(EXACT));
        assertThat(c.getSpeedScore()).isCloseTo(speedScore, within(EXACT));
        assertThat(c.getCarbonScore()).isCloseTo(carbonScore, within(EXACT));
        assertThat(c.getSplitPenalty()).isZero();
        assertThat(c.getTotalScore()).isCloseTo(total, within(EXACT));
    }
}

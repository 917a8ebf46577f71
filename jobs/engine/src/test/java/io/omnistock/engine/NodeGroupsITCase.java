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
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
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
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Node groups through the real job on the real broker (docs/concepts/node-groups.md). Three nodes
 * in two groups: NORTH = {D1}, SOUTH = {D2, S1}. SKU-G: 20 units at D1, 2 at D2, 1 at S1. An order
 * of 3 scoped to SOUTH takes D2's 2 and S1's 1 although D1, outside the group, holds 20; an order
 * of 1 scoped to NORTH takes D1's; an order of 1 for WEST, a group no node has, is dead-lettered
 * UNKNOWN_NODE_GROUP and REJECTED; a node record listing a group twice is dead-lettered
 * INVALID_NODE_RECORD. The published availability holds exactly what the decisions allocate.
 */
class NodeGroupsITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final double LAT = 51.5;
    private static final double LON = 0.0;
    private static final String SKU = "SKU-G";

    @Test
    void ordersScopedToAGroupAreRoutedWithinItAndAnUnknownGroupIsRejected() throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        long now = System.currentTimeMillis();
        long nodeTime = now - Duration.ofHours(2).toMillis();
        long stockTime = now - Duration.ofHours(1).toMillis();
        long orderTime = now - Duration.ofMinutes(30).toMillis();

        NodeRecord d1 =
                grouped(
                        node(
                                "D1",
                                NodeType.DC,
                                OrderFixtures.kmNorth(LAT, 100),
                                LON,
                                0,
                                1.0,
                                NodeStatus.OPEN,
                                nodeTime,
                                FulfilmentMethod.SHIP_TO_HOME),
                        "NORTH");
        NodeRecord d2 =
                grouped(
                        node(
                                "D2",
                                NodeType.DC,
                                OrderFixtures.kmNorth(LAT, 300),
                                LON,
                                0,
                                1.0,
                                NodeStatus.OPEN,
                                nodeTime,
                                FulfilmentMethod.SHIP_TO_HOME),
                        "SOUTH");
        NodeRecord s1 =
                grouped(
                        node(
                                "S1",
                                NodeType.STORE,
                                OrderFixtures.kmNorth(LAT, 10),
                                LON,
                                0,
                                3.0,
                                NodeStatus.OPEN,
                                nodeTime,
                                FulfilmentMethod.SHIP_FROM_STORE),
                        "SOUTH");
        NodeRecord repeated =
                grouped(
                        node(
                                "X9",
                                NodeType.DC,
                                LAT,
                                LON,
                                0,
                                1.0,
                                NodeStatus.OPEN,
                                nodeTime,
                                FulfilmentMethod.SHIP_TO_HOME),
                        "WEST",
                        "WEST");

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.EXACTLY_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            for (NodeRecord n : List.of(d1, d2, s1, repeated)) {
                client.send(Topics.NODES, n.getNodeId(), n, nodeTime);
            }
            stock(client, WmsEventType.RECEIPT, SKU, "D1", 20, stockTime);
            stock(client, WmsEventType.RECEIPT, SKU, "D2", 2, stockTime);
            stock(client, WmsEventType.RECEIPT, SKU, "S1", 1, stockTime);
            awaitFigures(
                    client,
                    Map.of(
                            SKU + "|D1", figures(20, 0, 20),
                            SKU + "|D2", figures(2, 0, 2),
                            SKU + "|S1", figures(1, 0, 1)));

            for (OrderRequest order :
                    List.of(
                            order("south-3", orderTime, 3, "SOUTH"),
                            order("north-1", orderTime + 1, 1, "NORTH"),
                            order("west-1", orderTime + 2, 1, "WEST"))) {
                client.send(
                        Topics.ORDER_REQUESTS,
                        order.getOrderId(),
                        order,
                        order.getEventTime().toEpochMilli());
            }

            Map<String, List<RoutingDecision>> decided =
                    decisionsByOrder(
                            client.readUntil(
                                    Topics.DECISIONS, values -> values.size() >= 3, DEADLINE));
            assertThat(decided).containsOnlyKeys("south-3", "north-1", "west-1");
            assertThat(decided.get("south-3"))
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.getStatus()).isEqualTo(DecisionStatus.ROUTED);
                                assertThat(d.getAllocations())
                                        .extracting(a -> tuple(a.getNodeId(), a.getQuantity()))
                                        .containsExactlyInAnyOrder(tuple("D2", 2), tuple("S1", 1));
                                assertThat(d.getCandidates())
                                        .allSatisfy(
                                                c -> assertThat(c.getNodes()).doesNotContain("D1"));
                            });
            assertThat(decided.get("north-1"))
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.getStatus()).isEqualTo(DecisionStatus.ROUTED);
                                assertThat(d.getAllocations())
                                        .extracting(a -> tuple(a.getNodeId(), a.getQuantity()))
                                        .containsExactly(tuple("D1", 1));
                            });
            assertThat(decided.get("west-1"))
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.getStatus()).isEqualTo(DecisionStatus.REJECTED);
                                assertThat(d.getReason())
                                        .isEqualTo(
                                                "UNKNOWN_NODE_GROUP: no node belongs to node group WEST");
                                assertThat(d.getAllocations()).isEmpty();
                            });
            assertThat(allocatedByPosition(decided))
                    .containsOnly(
                            Map.entry(SKU + "|D2", 2L),
                            Map.entry(SKU + "|S1", 1L),
                            Map.entry(SKU + "|D1", 1L));

            List<KeyedValue<DeadLetter>> deadLetters =
                    client.readUntil(Topics.DEADLETTER, values -> values.size() >= 2, DEADLINE);
            assertThat(deadLetters)
                    .extracting(
                            dl ->
                                    tuple(
                                            dl.value().getReason(),
                                            dl.value().getSourceTopic(),
                                            dl.value().getKey(),
                                            dl.value().getMessage()))
                    .containsExactlyInAnyOrder(
                            tuple(
                                    DeadLetterReason.INVALID_NODE_RECORD,
                                    Topics.NODES.name(),
                                    "X9",
                                    "groups: groups listed twice: WEST"),
                            tuple(
                                    DeadLetterReason.UNKNOWN_NODE_GROUP,
                                    Topics.ORDER_REQUESTS.name(),
                                    "west-1",
                                    "no node belongs to node group WEST"));

            // D1: 20 on hand, 1 reserved -> ATP 19; D2 and S1 fully reserved
            awaitFigures(
                    client,
                    Map.of(
                            SKU + "|D1", figures(20, 1, 19),
                            SKU + "|D2", figures(2, 2, 0),
                            SKU + "|S1", figures(1, 1, 0)));
        }
    }

    private static NodeRecord grouped(NodeRecord node, String... groups) {
        return NodeRecord.newBuilder(node).setGroups(List.of(groups)).build();
    }

    private static OrderRequest order(String orderId, long time, int units, String group) {
        return shipToHome(orderId, time, RoutingPreference.BALANCED, LAT, LON, line(SKU, units))
                .setNodeGroup(group)
                .build();
    }
}

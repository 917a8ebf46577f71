package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.withStatus;
import static io.omnistock.engine.OrderFixtures.wms;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.GroupAvailability;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.testing.Await;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Group availability through the real job on the real broker: the worked example of
 * docs/concepts/node-groups.md#group-availability. S1 (safety stock 1) in BRAND-A and EAST, S2 in
 * BRAND-A, D1 in EAST; SKU-G received at all three and picked at S1, then S1 leaves EAST, S2 closes
 * and D1 picks. Each step's group records equal the figures worked out by hand, a step that moves
 * no figure of a group publishes none for it, and the highest version per key is the final state.
 */
class GroupAvailabilityITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final String SKU = "SKU-G";
    private static final String BRAND_A = SKU + "|BRAND-A";
    private static final String EAST = SKU + "|EAST";

    @Test
    void groupRecordsFollowStockMembershipAndClosingChangeOnly() throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        long now = System.currentTimeMillis();
        long nodeTime = now - Duration.ofHours(3).toMillis();
        long stockTime = now - Duration.ofHours(2).toMillis();

        NodeRecord s1 = grouped(store("S1", 1, nodeTime), "BRAND-A", "EAST");
        NodeRecord s2 = grouped(store("S2", 0, nodeTime), "BRAND-A");
        NodeRecord d1 =
                grouped(
                        node(
                                "D1",
                                NodeType.DC,
                                51.6,
                                0.0,
                                0,
                                1.0,
                                NodeStatus.OPEN,
                                nodeTime,
                                FulfilmentMethod.SHIP_TO_HOME),
                        "EAST");

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.EXACTLY_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            for (NodeRecord n : List.of(s1, s2, d1)) {
                client.send(Topics.NODES, n.getNodeId(), n, nodeTime);
            }
            stock(client, "r-d1", WmsEventType.RECEIPT, "D1", 50, stockTime);
            stock(client, "r-s1", WmsEventType.RECEIPT, "S1", 10, stockTime + 1);
            stock(client, "r-s2", WmsEventType.RECEIPT, "S2", 4, stockTime + 2);
            stock(client, "p-s1", WmsEventType.PICK, "S1", 2, stockTime + 3);
            // D1 50 (ATP 50), S1 8 (ATP 7), S2 4 (ATP 4)
            awaitGroups(client, Map.of(BRAND_A, "12/0/11/2", EAST, "58/0/57/2"));

            long leaveTime = now - Duration.ofMinutes(90).toMillis();
            NodeRecord s1Left =
                    NodeRecord.newBuilder(grouped(s1, "BRAND-A"))
                            .setEventId("node-S1@" + leaveTime)
                            .setEventTime(Instant.ofEpochMilli(leaveTime))
                            .build();
            client.send(Topics.NODES, "S1", s1Left, leaveTime);
            awaitGroups(client, Map.of(BRAND_A, "12/0/11/2", EAST, "50/0/50/1"));

            long closeTime = now - Duration.ofMinutes(80).toMillis();
            client.send(
                    Topics.NODES, "S2", withStatus(s2, NodeStatus.CLOSED, closeTime), closeTime);
            awaitGroups(client, Map.of(BRAND_A, "8/0/7/1", EAST, "50/0/50/1"));

            stock(
                    client,
                    "p-d1",
                    WmsEventType.PICK,
                    "D1",
                    5,
                    now - Duration.ofMinutes(70).toMillis());
            awaitGroups(client, Map.of(BRAND_A, "8/0/7/1", EAST, "45/0/45/1"));

            List<KeyedValue<GroupAvailability>> all =
                    client.readAll(Topics.GROUP_AVAILABILITY, Duration.ofSeconds(2));
            Map<String, List<String>> byKey = new LinkedHashMap<>();
            Map<String, List<Long>> versions = new LinkedHashMap<>();
            for (KeyedValue<GroupAvailability> r : all) {
                assertThat(r.key())
                        .isEqualTo(Topics.groupKey(r.value().getSku(), r.value().getNodeGroup()));
                byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(figures(r.value()));
                versions.computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(r.value().getVersion());
            }
            assertThat(byKey).containsOnlyKeys(BRAND_A, EAST);
            // change-only: BRAND-A is not republished when S1 leaves EAST, nor EAST when S2 closes
            assertThat(byKey.get(BRAND_A)).endsWith("12/0/11/2", "8/0/7/1");
            assertThat(byKey.get(EAST)).endsWith("58/0/57/2", "50/0/50/1", "45/0/45/1");
            versions.forEach((key, v) -> assertThat(v).as(key).isSorted().doesNotHaveDuplicates());
            assertThat(latestByVersion(all))
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of(BRAND_A, "8/0/7/1", EAST, "45/0/45/1"));
        }
    }

    private static NodeRecord store(String id, int safetyStock, long time) {
        return node(
                id,
                NodeType.STORE,
                51.5,
                0.0,
                safetyStock,
                3.0,
                NodeStatus.OPEN,
                time,
                FulfilmentMethod.SHIP_FROM_STORE);
    }

    private static NodeRecord grouped(NodeRecord node, String... groups) {
        return NodeRecord.newBuilder(node).setGroups(List.of(groups)).build();
    }

    private static void stock(
            KafkaTestClient client,
            String eventId,
            WmsEventType type,
            String nodeId,
            int units,
            long time) {
        client.send(Topics.WMS, SKU, wms(type, eventId, time, SKU, nodeId, units), time);
    }

    /** {@code onHand/reserved/atp/nodes}. */
    private static String figures(GroupAvailability g) {
        return g.getOnHand() + "/" + g.getReserved() + "/" + g.getAtp() + "/" + g.getNodes();
    }

    /** What a consumer keeping the highest version per key holds. */
    private static Map<String, String> latestByVersion(List<KeyedValue<GroupAvailability>> all) {
        Map<String, GroupAvailability> latest = new LinkedHashMap<>();
        for (KeyedValue<GroupAvailability> r : all) {
            latest.merge(r.key(), r.value(), (a, b) -> b.getVersion() > a.getVersion() ? b : a);
        }
        Map<String, String> figures = new LinkedHashMap<>();
        latest.forEach((key, g) -> figures.put(key, figures(g)));
        return figures;
    }

    private static void awaitGroups(KafkaTestClient client, Map<String, String> expected)
            throws Exception {
        Await.until(
                "group availability " + expected,
                () ->
                        latestByVersion(
                                client.readAll(Topics.GROUP_AVAILABILITY, Duration.ofMillis(300))),
                expected::equals,
                ReferenceCheck.DEADLINE);
    }
}

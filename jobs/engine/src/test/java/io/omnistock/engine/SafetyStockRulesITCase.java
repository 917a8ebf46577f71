package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.awaitFigures;
import static io.omnistock.engine.OrderFixtures.decisionsByOrder;
import static io.omnistock.engine.OrderFixtures.figures;
import static io.omnistock.engine.OrderFixtures.latestAvailability;
import static io.omnistock.engine.OrderFixtures.line;
import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.shipToHome;
import static io.omnistock.engine.OrderFixtures.stock;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.SafetyStockRule;
import io.omnistock.avro.SafetyStockScope;
import io.omnistock.avro.SkuRecord;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Safety stock by rule in the running job (embedded broker, MiniCluster, exactly-once), changed
 * while it runs, with the ATP of docs/concepts/safety-stock.md computed by hand: two stores whose
 * node records hold back 2 units, a category rule (5), a SKU rule (3), a SKU x node rule (1), the
 * SKU rule retracted, then orders granted against the rule-limited ATP and never into the buffer.
 * Bad reference records are dead-lettered with their bytes; every record in is processed or
 * dead-lettered.
 */
class SafetyStockRulesITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final double LAT = 51.5;
    private static final double LON = 0.0;

    @Test
    void rulesSetEachPositionsBufferAndOrdersNeverTakeIt() throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        long now = System.currentTimeMillis();
        long nodeTime = now - Duration.ofHours(2).toMillis();
        long stockTime = now - Duration.ofHours(1).toMillis();
        long ruleTime = now - Duration.ofMinutes(50).toMillis();
        long orderTime = now - Duration.ofMinutes(30).toMillis();

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.EXACTLY_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            for (String id : List.of("S1", "S2")) {
                NodeRecord store =
                        node(
                                id,
                                NodeType.STORE,
                                OrderFixtures.kmNorth(LAT, 10),
                                LON,
                                2, // the node's own safety stock
                                3.0,
                                NodeStatus.OPEN,
                                nodeTime,
                                FulfilmentMethod.SHIP_FROM_STORE);
                client.send(Topics.NODES, id, store, nodeTime);
            }
            stock(client, WmsEventType.RECEIPT, "TOY-1", "S1", 10, stockTime);
            stock(client, WmsEventType.RECEIPT, "TOY-1", "S2", 10, stockTime);
            stock(client, WmsEventType.RECEIPT, "TOY-2", "S1", 10, stockTime);
            stock(client, WmsEventType.RECEIPT, "GARDEN-1", "S1", 10, stockTime);
            // no rule yet: 10 - 2 everywhere
            awaitAtp(8, 8, 8, 8);

            sku(client, "TOY-1", "toys", ruleTime);
            sku(client, "TOY-2", "toys", ruleTime);
            sku(client, "GARDEN-1", "garden", ruleTime);
            rule(client, category("toys", 5, ruleTime + 1));
            // the toys hold back 5, the garden SKU still its stores' 2
            awaitAtp(5, 5, 5, 8);

            rule(client, sku("TOY-1", 3, ruleTime + 2));
            awaitAtp(7, 7, 5, 8);

            rule(client, skuNode("TOY-1", "S1", 1, ruleTime + 3));
            awaitAtp(9, 7, 5, 8);

            SafetyStockRule retracted = sku("TOY-1", 3, ruleTime + 4);
            retracted.setActive(false);
            rule(client, retracted);
            // TOY-1 at S1 keeps its own rule; at S2 the category's 5 applies again
            awaitAtp(9, 5, 5, 8);

            // bad reference records: dead-lettered with their bytes, nothing applied
            SafetyStockRule negative = sku("TOY-2", -1, ruleTime + 5);
            rule(client, negative);
            client.send(Topics.SAFETY_STOCK, "SKU|GARDEN-1", sku("TOY-2", 0, ruleTime + 5), now);
            SkuRecord noCategory = skuRecord("TOY-2", " ", ruleTime + 5);
            client.send(Topics.SKUS, "TOY-2", noCategory, now);
            byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
            client.send(Topics.SKUS.name(), "TOY-2", garbage, now);

            // 2 nodes + 4 receipts + 3 SKU records + 4 rules + 4 bad records
            ledger.awaitAllResolved(17, 4, DEADLINE);
            List<KeyedValue<DeadLetter>> dead =
                    client.readUntil(Topics.DEADLETTER, d -> d.size() >= 4, DEADLINE);
            assertThat(dead)
                    .extracting(d -> d.value().getReason())
                    .containsExactlyInAnyOrder(
                            DeadLetterReason.INVALID_SAFETY_STOCK_RULE,
                            DeadLetterReason.KEY_MISMATCH,
                            DeadLetterReason.INVALID_SKU_RECORD,
                            DeadLetterReason.UNDECODABLE);
            assertThat(dead)
                    .filteredOn(d -> d.value().getReason() == DeadLetterReason.UNDECODABLE)
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.value().getSourceTopic()).isEqualTo("reference.skus");
                                assertThat(d.value().getOriginalBytes().array()).isEqualTo(garbage);
                            });
            awaitAtp(9, 5, 5, 8);

            // TOY-2 at S1: 10 on hand, 5 held back by the toys rule: 5 to promise, no more
            client.send(
                    Topics.ORDER_REQUESTS,
                    "order-1",
                    shipToHome(
                                    "order-1",
                                    orderTime,
                                    RoutingPreference.BALANCED,
                                    LAT,
                                    LON,
                                    line("TOY-2", 5))
                            .build(),
                    orderTime);
            assertThat(decision(client, "order-1").getStatus()).isEqualTo(DecisionStatus.ROUTED);
            awaitFigures(client, Map.of("TOY-2|S1", figures(10, 5, 0)));

            client.send(
                    Topics.ORDER_REQUESTS,
                    "order-2",
                    shipToHome(
                                    "order-2",
                                    orderTime + 1,
                                    RoutingPreference.BALANCED,
                                    LAT,
                                    LON,
                                    line("TOY-2", 1))
                            .build(),
                    orderTime + 1);
            assertThat(decision(client, "order-2").getStatus())
                    .as("5 units are free but the rule holds them back")
                    .isEqualTo(DecisionStatus.BACKORDERED);
            assertThat(latestAvailability(client).get("TOY-2|S1"))
                    .satisfies(
                            a -> {
                                assertThat(a.getReserved()).isEqualTo(5);
                                assertThat(a.getSafetyStock()).isEqualTo(5);
                                assertThat(a.getAtp()).isZero();
                            });
        }
    }

    /** Waits for the ATP of TOY-1 at S1 and S2, TOY-2 at S1 and GARDEN-1 at S1 (nothing held). */
    private static void awaitAtp(long toy1s1, long toy1s2, long toy2s1, long garden1s1)
            throws Exception {
        try (KafkaTestClient client = new KafkaTestClient(KAFKA.bootstrapServers())) {
            awaitFigures(
                    client,
                    Map.of(
                            "TOY-1|S1", figures(10, 0, toy1s1),
                            "TOY-1|S2", figures(10, 0, toy1s2),
                            "TOY-2|S1", figures(10, 0, toy2s1),
                            "GARDEN-1|S1", figures(10, 0, garden1s1)));
        }
    }

    private static RoutingDecision decision(KafkaTestClient client, String orderId) {
        return decisionsByOrder(
                        client.readUntil(
                                Topics.DECISIONS,
                                values ->
                                        values.stream()
                                                .anyMatch(v -> v.getOrderId().equals(orderId)),
                                DEADLINE))
                .get(orderId)
                .get(0);
    }

    private static void sku(KafkaTestClient client, String sku, String category, long time) {
        client.send(Topics.SKUS, sku, skuRecord(sku, category, time), time);
    }

    private static SkuRecord skuRecord(String sku, String category, long time) {
        return SkuRecord.newBuilder()
                .setEventId("sku-" + sku + "@" + time)
                .setEventTime(Instant.ofEpochMilli(time))
                .setSku(sku)
                .setCategory(category)
                .build();
    }

    private static void rule(KafkaTestClient client, SafetyStockRule rule) {
        client.send(Topics.SAFETY_STOCK, scopeId(rule), rule, rule.getEventTime().toEpochMilli());
    }

    private static String scopeId(SafetyStockRule rule) {
        return switch (rule.getScope()) {
            case SKU_NODE -> "SKU_NODE|" + rule.getSku() + "|" + rule.getNodeId();
            case SKU -> "SKU|" + rule.getSku();
            case CATEGORY_NODE_TYPE ->
                    "CATEGORY_NODE_TYPE|" + rule.getCategory() + "|" + rule.getNodeType();
            case CATEGORY -> "CATEGORY|" + rule.getCategory();
            case NODE_TYPE -> "NODE_TYPE|" + rule.getNodeType();
        };
    }

    private static SafetyStockRule category(String category, int units, long time) {
        return rule(SafetyStockScope.CATEGORY, time, units).setCategory(category).build();
    }

    private static SafetyStockRule sku(String sku, int units, long time) {
        return rule(SafetyStockScope.SKU, time, units).setSku(sku).build();
    }

    private static SafetyStockRule skuNode(String sku, String nodeId, int units, long time) {
        return rule(SafetyStockScope.SKU_NODE, time, units).setSku(sku).setNodeId(nodeId).build();
    }

    private static SafetyStockRule.Builder rule(SafetyStockScope scope, long time, int units) {
        return SafetyStockRule.newBuilder()
                .setEventId("rule-" + scope + "@" + time)
                .setEventTime(Instant.ofEpochMilli(time))
                .setScope(scope)
                .setUnits(units);
    }
}

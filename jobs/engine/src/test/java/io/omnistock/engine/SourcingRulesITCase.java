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
import io.omnistock.avro.SkuRecord;
import io.omnistock.avro.SourcingRuleSet;
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
 * Sourcing rules through the real job on the real broker (docs/concepts/sourcing-rules.md), no
 * restart between rule sets. A DC 300 km away and a store 10 km away, 100 units of SKU-R each: with
 * no rule set a web order goes to the near, cheap store and its decision names no rule. Rule set v1
 * sends MARKETPLACE orders to DCs only and rejects orders of 9 units or more: the next marketplace
 * order goes to the DC, named {@code marketplace-dcs} v1, a web order still goes to the store under
 * the fallback, and a big order is REJECTED by {@code bulk}. SKU-G is FRAGILE on reference.skus: v1
 * ships orders holding any fragile line from DCs, so a web order of SKU-G and SKU-R goes to the DC
 * whole, named {@code fragile-dcs} (the category travels on the ledger's probe replies). Version 2
 * does not read (an unknown node type on line 3): it is dead-lettered INVALID_RULE_SET with the
 * line and reason, and the next marketplace order still follows v1.
 */
class SourcingRulesITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final double LAT = 51.5;
    private static final double LON = 0.0;
    private static final String SKU = "SKU-R";

    static final String V1 =
            """
            # marketplace SLAs: ship from DCs only, in one parcel
            marketplace-dcs: channel=MARKETPLACE -> nodes=DC & max-split=1
            bulk: units>=9 -> REJECT "orders of 9 units or more go through the B2B desk"
            fragile-dcs: category=FRAGILE -> nodes=DC
            """;

    private static final String FRAGILE_SKU = "SKU-G";

    static final String V2 =
            """
            # a typo: WAREHOUSE is no node type
            marketplace-dcs: channel=MARKETPLACE -> nodes=DC & max-split=1
            web-warehouses: channel=WEB -> nodes=WAREHOUSE
            """;

    @Test
    void aPublishedRuleSetDecidesTheNextOrdersAndAMalformedOneIsDeadLettered() throws Exception {
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
                        OrderFixtures.kmNorth(LAT, 300),
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
                        0,
                        0.5,
                        NodeStatus.OPEN,
                        nodeTime,
                        FulfilmentMethod.SHIP_FROM_STORE,
                        FulfilmentMethod.SHIP_TO_HOME);

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.EXACTLY_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            for (NodeRecord n : List.of(dc, store)) {
                client.send(Topics.NODES, n.getNodeId(), n, nodeTime);
            }
            client.send(
                    Topics.SKUS,
                    FRAGILE_SKU,
                    SkuRecord.newBuilder()
                            .setEventId("sku-g")
                            .setEventTime(Instant.ofEpochMilli(nodeTime))
                            .setSku(FRAGILE_SKU)
                            .setCategory("fragile")
                            .build(),
                    nodeTime);
            for (String sku : List.of(SKU, FRAGILE_SKU)) {
                stock(client, WmsEventType.RECEIPT, sku, "D1", 100, stockTime);
                stock(client, WmsEventType.RECEIPT, sku, "S1", 100, stockTime);
            }
            awaitFigures(
                    client,
                    Map.of(
                            SKU + "|D1",
                            figures(100, 0, 100),
                            SKU + "|S1",
                            figures(100, 0, 100),
                            FRAGILE_SKU + "|D1",
                            figures(100, 0, 100),
                            FRAGILE_SKU + "|S1",
                            figures(100, 0, 100)));

            // No rule set: the job's options decide, and the decision names no rule.
            send(client, order("web-0", "WEB", orderTime, 1));
            RoutingDecision web0 = awaitDecision(client, "web-0");
            assertThat(web0.getStatus()).isEqualTo(DecisionStatus.ROUTED);
            assertThat(web0.getAllocations()).extracting(a -> a.getNodeId()).containsExactly("S1");
            assertThat(web0.getRuleId()).isNull();
            assertThat(web0.getRuleSetVersion()).isNull();

            // v1: routing follows it from the moment it arrives, with no restart. Orders come on
            // another topic than rules, so a bulk order is re-sent until v1 rejects one.
            client.send(Topics.ROUTING_RULES, "default", ruleSet(1, V1, now), now);
            String rejected = null;
            for (int i = 0; rejected == null && i < 60; i++) {
                String id = "bulk-" + i;
                send(client, order(id, "WEB", orderTime + 1 + i, 9));
                RoutingDecision d = awaitDecision(client, id);
                if (d.getStatus() == DecisionStatus.REJECTED) {
                    rejected = id;
                    assertThat(d.getRuleId()).isEqualTo("bulk");
                    assertThat(d.getRuleSetVersion()).isEqualTo(1L);
                    assertThat(d.getReason())
                            .isEqualTo(
                                    "REJECT by rule bulk (v1): orders of 9 units or more go"
                                            + " through the B2B desk");
                    assertThat(d.getAllocations()).isEmpty();
                } else {
                    assertThat(d.getRuleId()).isNull(); // decided before v1 arrived
                }
            }
            assertThat(rejected).as("v1 in force within 60 orders").isNotNull();

            send(client, order("mp-1", "MARKETPLACE", orderTime + 100, 2));
            send(client, order("web-1", "WEB", orderTime + 101, 2));
            RoutingDecision mp1 = awaitDecision(client, "mp-1");
            assertThat(mp1.getStatus()).isEqualTo(DecisionStatus.ROUTED);
            assertThat(mp1.getAllocations())
                    .extracting(a -> tuple(a.getNodeId(), a.getQuantity()))
                    .containsExactly(tuple("D1", 2));
            assertThat(mp1.getCandidates())
                    .allSatisfy(c -> assertThat(c.getNodes()).containsExactly("D1"));
            assertThat(mp1.getRuleId()).isEqualTo("marketplace-dcs");
            assertThat(mp1.getRuleSetVersion()).isEqualTo(1L);
            RoutingDecision web1 = awaitDecision(client, "web-1");
            assertThat(web1.getAllocations()).extracting(a -> a.getNodeId()).containsExactly("S1");
            assertThat(web1.getRuleId()).isEqualTo("fallback");
            assertThat(web1.getRuleSetVersion()).isEqualTo(1L);

            // one fragile line of two: the whole order from the DC
            send(
                    client,
                    shipToHome(
                                    "fragile-1",
                                    orderTime + 102,
                                    RoutingPreference.BALANCED,
                                    LAT,
                                    LON,
                                    line(SKU, 1),
                                    line(FRAGILE_SKU, 1))
                            .setChannel("WEB")
                            .build());
            RoutingDecision fragile = awaitDecision(client, "fragile-1");
            assertThat(fragile.getStatus()).isEqualTo(DecisionStatus.ROUTED);
            assertThat(fragile.getAllocations())
                    .extracting(a -> tuple(a.getSku(), a.getNodeId()))
                    .containsExactlyInAnyOrder(tuple(SKU, "D1"), tuple(FRAGILE_SKU, "D1"));
            assertThat(fragile.getRuleId()).isEqualTo("fragile-dcs");

            // v2 does not read: dead-lettered with the line and reason; v1 stays in force.
            client.send(Topics.ROUTING_RULES, "default", ruleSet(2, V2, now + 1), now + 1);
            List<KeyedValue<DeadLetter>> deadLetters =
                    client.readUntil(
                            Topics.DEADLETTER,
                            values ->
                                    values.stream()
                                            .anyMatch(
                                                    dl ->
                                                            dl.getReason()
                                                                    == DeadLetterReason
                                                                            .INVALID_RULE_SET),
                            DEADLINE);
            assertThat(deadLetters)
                    .filteredOn(dl -> dl.value().getReason() == DeadLetterReason.INVALID_RULE_SET)
                    .extracting(
                            dl ->
                                    tuple(
                                            dl.value().getSourceTopic(),
                                            dl.value().getKey(),
                                            dl.value().getMessage()))
                    .containsExactly(
                            tuple(
                                    "routing.rules",
                                    "default",
                                    "rule set default v2: line 3: node type must be one of"
                                            + " STORE, DC, DARK_STORE, THREE_PL, was WAREHOUSE"));

            send(client, order("mp-2", "MARKETPLACE", orderTime + 200, 1));
            RoutingDecision mp2 = awaitDecision(client, "mp-2");
            assertThat(mp2.getAllocations()).extracting(a -> a.getNodeId()).containsExactly("D1");
            assertThat(mp2.getRuleId()).isEqualTo("marketplace-dcs");
            assertThat(mp2.getRuleSetVersion()).isEqualTo(1L);
        }
    }

    static SourcingRuleSet ruleSet(long version, String text, long time) {
        return SourcingRuleSet.newBuilder()
                .setEventId("rules-v" + version)
                .setEventTime(Instant.ofEpochMilli(time))
                .setRuleSetId("default")
                .setVersion(version)
                .setText(text)
                .setAuthor("merchandising")
                .build();
    }

    private static OrderRequest order(String orderId, String channel, long time, int units) {
        return shipToHome(orderId, time, RoutingPreference.BALANCED, LAT, LON, line(SKU, units))
                .setChannel(channel)
                .build();
    }

    private static void send(KafkaTestClient client, OrderRequest order) {
        client.send(
                Topics.ORDER_REQUESTS,
                order.getOrderId(),
                order,
                order.getEventTime().toEpochMilli());
    }

    private static RoutingDecision awaitDecision(KafkaTestClient client, String orderId)
            throws Exception {
        Map<String, List<RoutingDecision>> decided =
                decisionsByOrder(
                        client.readUntil(
                                Topics.DECISIONS,
                                values ->
                                        values.stream()
                                                .anyMatch(v -> v.getOrderId().equals(orderId)),
                                DEADLINE));
        return decided.get(orderId).get(0);
    }
}

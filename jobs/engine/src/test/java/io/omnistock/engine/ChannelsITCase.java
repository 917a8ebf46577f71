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

import io.omnistock.avro.ChannelAvailability;
import io.omnistock.avro.ChannelControl;
import io.omnistock.avro.ChannelControlKind;
import io.omnistock.avro.ChannelDefinition;
import io.omnistock.avro.ChannelScope;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.SkuRecord;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sales channels in the running job (embedded broker, MiniCluster, exactly-once) with the figures
 * of docs/concepts/channels.md computed by hand: one store S1 (no safety stock) with 10 of TOY-1
 * (toys) and 6 of HOSE-1 (garden); MARKETPLACE excludes the garden category and holds back 4 units
 * of TOY-1 from a time between the receipts and the orders; WEB holds back 20 % of the toys' ATP.
 * Orders on MARKETPLACE are refused the excluded SKU and limited by the buffer once it is in force,
 * while WEB's order takes what WEB may sell; a bad channel is dead-lettered.
 */
class ChannelsITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final double LAT = 51.5;
    private static final double LON = 0.0;

    @Test
    void channelsBoundWhatEachMaySellAndPublishItsFigures() throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        long now = System.currentTimeMillis();
        long referenceTime = now - Duration.ofHours(2).toMillis();
        long stockTime = now - Duration.ofHours(1).toMillis();
        long bufferFrom = now - Duration.ofMinutes(45).toMillis();
        long orderTime = now - Duration.ofMinutes(30).toMillis();

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.EXACTLY_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            client.send(
                    Topics.NODES,
                    "S1",
                    node(
                            "S1",
                            NodeType.STORE,
                            OrderFixtures.kmNorth(LAT, 10),
                            LON,
                            0,
                            3.0,
                            NodeStatus.OPEN,
                            referenceTime,
                            FulfilmentMethod.SHIP_FROM_STORE),
                    referenceTime);
            sku(client, "TOY-1", "toys", referenceTime);
            sku(client, "HOSE-1", "garden", referenceTime);
            ChannelControl garden = control(ChannelControlKind.EXCLUDE, ChannelScope.CATEGORY);
            garden.setCategory("garden");
            ChannelControl toyBuffer = control(ChannelControlKind.BUFFER, ChannelScope.SKU);
            toyBuffer.setSku("TOY-1");
            toyBuffer.setUnits(4);
            toyBuffer.setEffectiveFrom(Instant.ofEpochMilli(bufferFrom));
            channel(client, "MARKETPLACE", referenceTime, garden, toyBuffer);
            ChannelControl toysShare = control(ChannelControlKind.BUFFER, ChannelScope.CATEGORY);
            toysShare.setCategory("toys");
            toysShare.setPercent(20);
            channel(client, "WEB", referenceTime, toysShare);
            ChannelControl absurd = control(ChannelControlKind.BUFFER, ChannelScope.SKU);
            absurd.setSku("TOY-1");
            absurd.setPercent(150);
            channel(client, "APP", referenceTime, absurd); // dead-lettered
            // 1 node + 2 SKU records + 3 channels, one of them bad
            ledger.awaitAllResolved(6, 1, DEADLINE);

            stock(client, WmsEventType.RECEIPT, "TOY-1", "S1", 10, stockTime);
            stock(client, WmsEventType.RECEIPT, "HOSE-1", "S1", 6, stockTime);
            // before the buffer's time: MARKETPLACE sells all 10 toys, none of the garden SKU;
            // WEB 10 - ceil(20 % of 10) = 8 toys, all 6 hoses (not a toy)
            awaitAts(
                    client,
                    Map.of(
                            "TOY-1|S1|MARKETPLACE", 10L,
                            "TOY-1||MARKETPLACE", 10L,
                            "HOSE-1|S1|MARKETPLACE", 0L,
                            "HOSE-1||MARKETPLACE", 0L,
                            "TOY-1|S1|WEB", 8L,
                            "TOY-1||WEB", 8L,
                            "HOSE-1|S1|WEB", 6L,
                            "HOSE-1||WEB", 6L));

            order(client, "m-1", "MARKETPLACE", "HOSE-1", 1, orderTime);
            assertThat(decision(client, "m-1").getStatus())
                    .as("6 hoses on the shelf, but MARKETPLACE excludes the garden category")
                    .isEqualTo(DecisionStatus.BACKORDERED);

            // from bufferFrom MARKETPLACE may sell 10 - 4 = 6 toys: of 7 wanted, 6 are granted
            order(client, "m-2", "MARKETPLACE", "TOY-1", 7, orderTime + 1);
            RoutingDecision limited = decision(client, "m-2");
            assertThat(limited.getStatus()).isEqualTo(DecisionStatus.PARTIALLY_ROUTED);
            assertThat(limited.getAllocations())
                    .singleElement()
                    .satisfies(a -> assertThat(a.getQuantity()).isEqualTo(6));
            awaitFigures(client, Map.of("TOY-1|S1", figures(10, 6, 4)));

            // ATP 4: MARKETPLACE max(0, 4 - 4) = 0, WEB 4 - ceil(0.8) = 3: WEB's order of 3 is
            // granted where MARKETPLACE's would not be
            order(client, "w-1", "WEB", "TOY-1", 3, orderTime + 3);
            assertThat(decision(client, "w-1").getStatus()).isEqualTo(DecisionStatus.ROUTED);
            awaitFigures(client, Map.of("TOY-1|S1", figures(10, 9, 1)));
            // ATP 1: WEB 1 - ceil(0.2) = 0; an undefined channel takes plain ATP
            awaitAts(
                    client,
                    Map.of(
                            "TOY-1|S1|MARKETPLACE", 0L,
                            "TOY-1||MARKETPLACE", 0L,
                            "TOY-1|S1|WEB", 0L,
                            "TOY-1||WEB", 0L));
            order(client, "c-1", "CALL_CENTER", "TOY-1", 1, orderTime + 4);
            assertThat(decision(client, "c-1").getStatus()).isEqualTo(DecisionStatus.ROUTED);

            List<KeyedValue<DeadLetter>> dead =
                    client.readUntil(Topics.DEADLETTER, d -> !d.isEmpty(), DEADLINE);
            assertThat(dead)
                    .extracting(d -> d.value().getReason())
                    .containsExactly(DeadLetterReason.INVALID_CHANNEL);
        }
    }

    /** Waits until the newest ATS of each key (sku|node|channel) is as expected. */
    private static void awaitAts(KafkaTestClient client, Map<String, Long> expected) {
        Map<String, Long> latest = new HashMap<>();
        client.readUntil(
                Topics.CHANNEL_AVAILABILITY,
                records -> {
                    latest.clear();
                    Map<String, Long> versions = new HashMap<>();
                    for (ChannelAvailability a : records) {
                        String key = Topics.channelKey(a.getSku(), a.getNodeId(), a.getChannel());
                        if (a.getVersion() >= versions.getOrDefault(key, Long.MIN_VALUE)) {
                            versions.put(key, a.getVersion());
                            latest.put(key, a.getAts());
                        }
                    }
                    return expected.entrySet().stream()
                            .allMatch(e -> e.getValue().equals(latest.get(e.getKey())));
                },
                DEADLINE);
        assertThat(latest).containsAllEntriesOf(expected);
    }

    private static void order(
            KafkaTestClient client, String id, String channel, String sku, int units, long time) {
        client.send(
                Topics.ORDER_REQUESTS,
                id,
                shipToHome(id, time, RoutingPreference.BALANCED, LAT, LON, line(sku, units))
                        .setChannel(channel)
                        .build(),
                time);
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
        client.send(
                Topics.SKUS,
                sku,
                SkuRecord.newBuilder()
                        .setEventId("sku-" + sku)
                        .setEventTime(Instant.ofEpochMilli(time))
                        .setSku(sku)
                        .setCategory(category)
                        .build(),
                time);
    }

    private static ChannelControl control(ChannelControlKind kind, ChannelScope scope) {
        return ChannelControl.newBuilder().setKind(kind).setScope(scope).build();
    }

    private static void channel(
            KafkaTestClient client, String id, long time, ChannelControl... controls) {
        client.send(
                Topics.CHANNELS,
                id,
                ChannelDefinition.newBuilder()
                        .setEventId("channel-" + id)
                        .setEventTime(Instant.ofEpochMilli(time))
                        .setChannel(id)
                        .setControls(List.of(controls))
                        .build(),
                time);
    }
}

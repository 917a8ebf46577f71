package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.awaitFigures;
import static io.omnistock.engine.OrderFixtures.figures;
import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.wms;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.InventoryAlert;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replaying history older than a time-retained topic's retention leaves the outputs on the topic:
 * they are stamped with the time they are written, and retention counts from the record timestamp.
 * The broker checks retention every 200 ms here; a witness topic with the same retention, holding
 * one record stamped as old as the history, shows a retention pass ran after the outputs were
 * written (the witness record is deleted) while the outputs stayed.
 */
class OutputRetentionITCase {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA =
            KafkaBrokerExtension.withBrokerConfig(Map.of("log.retention.check.interval.ms", "200"));

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final Duration RETENTION = Duration.ofDays(1);
    private static final String WITNESS = "retention-witness";

    @Test
    void outputsOfHistoryOlderThanTheRetentionStayOnTheTopic() throws Exception {
        String kafka = KAFKA.bootstrapServers();
        long start = System.currentTimeMillis();
        long monthsAgo = start - Duration.ofDays(60).toMillis();
        try (Admin admin = admin(kafka)) {
            admin.createTopics(
                            List.of(
                                    withRetention(new NewTopic(Topics.ALERTS.name(), 1, (short) 1)),
                                    withRetention(new NewTopic(WITNESS, 1, (short) 1))))
                    .all()
                    .get();
        }
        KAFKA.createTopics(Topics.all(), 2);
        Configuration options = new Configuration();
        options.set(LedgerOptions.MAX_FUTURE_SKEW, Duration.ofHours(24));

        try (RunningLedger ledger =
                        RunningLedger.start(
                                kafka,
                                DeliveryMode.AT_LEAST_ONCE,
                                Duration.ofMillis(500),
                                options);
                KafkaTestClient client = new KafkaTestClient(kafka);
                Admin admin = admin(kafka)) {
            client.send(
                    Topics.NODES,
                    "D1",
                    node(
                            "D1",
                            NodeType.DC,
                            51.5,
                            0.0,
                            0,
                            1.0,
                            NodeStatus.OPEN,
                            monthsAgo - 1,
                            FulfilmentMethod.SHIP_TO_HOME),
                    start);
            // history two months old: a receipt and a pick that empties the shelf (an alert)
            client.send(
                    Topics.WMS,
                    "SKU-OLD",
                    wms(WmsEventType.RECEIPT, "old", monthsAgo, "SKU-OLD", "D1", 5),
                    start);
            client.send(
                    Topics.WMS,
                    "SKU-OLD",
                    wms(WmsEventType.PICK, "old-pick", monthsAgo + 1, "SKU-OLD", "D1", 5),
                    start);
            awaitFigures(client, Map.of("SKU-OLD|D1", figures(0, 0, 0)));
            client.readUntil(
                    Topics.ALERTS,
                    alerts -> alerts.stream().anyMatch(a -> a.getSku().equals("SKU-OLD")),
                    DEADLINE);
            List<KeyedValue<InventoryAlert>> before =
                    client.readAll(Topics.ALERTS, Duration.ofMillis(300));
            assertThat(before)
                    .isNotEmpty()
                    .allSatisfy(
                            a ->
                                    assertThat(a.value().getEventTime().toEpochMilli())
                                            .as("event time of the alert")
                                            .isLessThan(start - RETENTION.toMillis()));

            client.send(
                    WITNESS,
                    "w",
                    "as old as the history".getBytes(StandardCharsets.UTF_8),
                    monthsAgo);
            Await.until(
                    "a retention pass deleting the witness record",
                    () -> earliestOffset(admin, WITNESS),
                    offset -> offset > 0,
                    DEADLINE);

            assertThat(earliestOffset(admin, Topics.ALERTS.name()))
                    .as("first offset of alerts after the retention pass")
                    .isZero();
            assertThat(client.readAll(Topics.ALERTS, Duration.ofMillis(300)))
                    .as("alerts after the retention pass")
                    .containsAll(before);
        }
    }

    private static NewTopic withRetention(NewTopic topic) {
        return topic.configs(
                Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(RETENTION.toMillis())));
    }

    private static long earliestOffset(Admin admin, String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(partition, OffsetSpec.earliest()))
                .partitionResult(partition)
                .get()
                .offset();
    }

    private static Admin admin(String kafka) {
        Properties props = KAFKA.adminProperties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        return Admin.create(props);
    }
}

package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.awaitFigures;
import static io.omnistock.engine.OrderFixtures.figures;
import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.wms;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Availability;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.Topics;
import io.omnistock.engine.functions.LedgerMetrics;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An output record larger than its topic takes ({@code max.message.bytes}) would be refused by the
 * broker, fail the job, and fail it again on every restart from the same input. It is dead-lettered
 * instead ({@code OUTPUT_TOO_LARGE}, with its encoded value) and the job keeps running: here the
 * availability of a SKU with a 1,000-character id, on an availability topic that takes 1,000 bytes.
 */
class OutputTooLargeITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final int AVAILABILITY_MAX_BYTES = 1000;
    private static final String LONG_SKU = "L".repeat(1000);

    @Test
    void anAvailabilityRecordTooLargeForItsTopicIsDeadLetteredAndTheJobKeepsRunning(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        String kafka = KAFKA.bootstrapServers();
        createAvailabilityTopicTaking(kafka, AVAILABILITY_MAX_BYTES);
        KAFKA.createTopics(Topics.all(), 2);
        long now = System.currentTimeMillis();

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.EXACTLY_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
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
                            now - 1,
                            FulfilmentMethod.SHIP_TO_HOME),
                    now);
            client.send(
                    Topics.WMS,
                    "SKU-S",
                    wms(WmsEventType.RECEIPT, "short-1", now, "SKU-S", "D1", 5),
                    now);
            client.send(
                    Topics.WMS,
                    LONG_SKU,
                    wms(WmsEventType.RECEIPT, "long-1", now + 1, LONG_SKU, "D1", 7),
                    now);
            // after the refused record: the job still runs and publishes
            client.send(
                    Topics.WMS,
                    "SKU-S",
                    wms(WmsEventType.RECEIPT, "short-2", now + 2, "SKU-S", "D1", 3),
                    now);
            awaitFigures(client, Map.of("SKU-S|D1", figures(8, 0, 8)));
            Map<String, Object> counters = ledger.awaitAllResolved(4, 0, DEADLINE);

            List<KeyedValue<DeadLetter>> tooLarge =
                    client
                            .readUntil(
                                    Topics.DEADLETTER,
                                    letters ->
                                            letters.stream()
                                                    .anyMatch(
                                                            d ->
                                                                    d.getReason()
                                                                            == DeadLetterReason
                                                                                    .OUTPUT_TOO_LARGE),
                                    DEADLINE)
                            .stream()
                            .filter(r -> r.value().getReason() == DeadLetterReason.OUTPUT_TOO_LARGE)
                            .toList();
            List<KeyedValue<Availability>> written =
                    client.readAll(Topics.AVAILABILITY, Duration.ofMillis(300));

            assertThat(tooLarge)
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.key()).isEqualTo("inventory.availability");
                                assertThat(r.value().getSourceTopic())
                                        .isEqualTo("inventory.availability");
                                assertThat(r.value().getKey()).isEqualTo(LONG_SKU + "|D1");
                                Availability refused =
                                        Topics.AVAILABILITY
                                                .codec()
                                                .decode(bytes(r.value().getOriginalBytes()));
                                assertThat(refused.getSku()).isEqualTo(LONG_SKU);
                                assertThat(refused.getAtp()).isEqualTo(7);
                            });
            assertThat(written)
                    .as("availability records written")
                    .extracting(r -> r.value().getSku())
                    .containsOnly("SKU-S");
            assertThat((long) written.size() + tooLarge.size())
                    .as("availability published = written + dead-lettered as too large")
                    .isEqualTo(RunningLedger.counter(counters, LedgerMetrics.AVAILABILITY_UPDATES));
            assertThat(JobAttempts.highestAttempt(cluster, ledger.client().getJobID()))
                    .as("attempt number of every task: the job never restarted")
                    .isZero();
        }
    }

    private static void createAvailabilityTopicTaking(String kafka, int maxMessageBytes)
            throws Exception {
        Map<String, String> configs = new HashMap<>(TopicAdmin.topicConfigs(Topics.AVAILABILITY));
        configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes));
        Properties props = KAFKA.adminProperties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(
                            List.of(
                                    new NewTopic(Topics.AVAILABILITY.name(), 2, (short) 1)
                                            .configs(configs)))
                    .all()
                    .get();
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }
}

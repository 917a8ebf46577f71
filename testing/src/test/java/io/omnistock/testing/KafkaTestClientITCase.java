package io.omnistock.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.Availability;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.SourceSystem;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaTestClientITCase {
    private static final Instant BEGINNING = Instant.parse("2026-11-23T08:00:00Z");
    private static final Duration QUIET = Duration.ofMillis(500);

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private KafkaTestClient client;
    private TopicSpec<Availability> topic;

    @BeforeEach
    void createTopic(TestInfo test) {
        // a topic per test, so tests do not see each other's records
        topic =
                new TopicSpec<>(
                        "it." + test.getTestMethod().orElseThrow().getName(),
                        Availability.class,
                        true);
        KAFKA.createTopics(List.of(topic), 2);
        client = new KafkaTestClient(KAFKA.bootstrapServers());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void readsBackWhatWasSentWithKeysAndTimestamps() {
        client.send(topic, "sku-1|store-1", availability("sku-1", "store-1", 1, 5), 1_000L);
        client.send(topic, "sku-2|store-1", availability("sku-2", "store-1", 1, 3), 2_000L);
        client.send(topic, "sku-1|store-1", availability("sku-1", "store-1", 2, 4), 3_000L);

        List<KeyedValue<Availability>> read = client.readAll(topic, QUIET);

        assertThat(read)
                .extracting(KeyedValue::key, r -> r.value().getVersion(), KeyedValue::timestamp)
                .containsExactlyInAnyOrder(
                        tuple("sku-1|store-1", 1L, 1_000L),
                        tuple("sku-2|store-1", 1L, 2_000L),
                        tuple("sku-1|store-1", 2L, 3_000L));
        Map<String, Availability> latest = KafkaTestClient.latestByKey(read);
        assertThat(latest).containsOnlyKeys("sku-1|store-1", "sku-2|store-1");
        assertThat(latest.get("sku-1|store-1").getVersion()).isEqualTo(2L);
    }

    @Test
    void readUntilStopsAsSoonAsTheConditionHolds() {
        for (int version = 1; version <= 3; version++) {
            client.send(topic, "sku-1|dc-1", availability("sku-1", "dc-1", version, 10), version);
        }

        List<KeyedValue<Availability>> read =
                client.readUntil(
                        topic,
                        values -> values.stream().anyMatch(a -> a.getVersion() == 3),
                        Duration.ofSeconds(10));

        assertThat(read).extracting(r -> r.value().getVersion()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void readUntilFailsAtTheDeadline() {
        client.send(topic, "sku-1|dc-1", availability("sku-1", "dc-1", 1, 10), 1L);

        assertThatThrownBy(
                        () ->
                                client.readUntil(
                                        topic, values -> values.size() > 1, Duration.ofMillis(500)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("read 1 records");
    }

    @Test
    void neverShowsAbortedTransactions() throws Exception {
        try (var producer =
                new KafkaProducer<>(
                        Map.<String, Object>of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers(),
                                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                                "it-aborting"),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(
                            new ProducerRecord<>(
                                    topic.name(),
                                    "sku-9|dc-1",
                                    Topics.AVAILABILITY
                                            .codec()
                                            .encode(availability("sku-9", "dc-1", 1, 1))))
                    .get();
            producer.abortTransaction();
        }
        client.send(topic, "sku-1|dc-1", availability("sku-1", "dc-1", 1, 10), 1L);

        assertThat(client.readAll(topic, QUIET))
                .extracting(KeyedValue::key)
                .containsExactly("sku-1|dc-1");
    }

    @Test
    void failsOnARecordThatIsNotOfTheTopicsType() {
        client.send(topic.name(), "junk", new byte[] {1, 2, 3}, 1L);

        assertThatThrownBy(() -> client.readAll(topic, QUIET))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not a Availability");
    }

    @Test
    void aTombstoneRemovesItsKeyFromTheCompactedView() {
        client.send(topic, "sku-1|dc-1", availability("sku-1", "dc-1", 1, 10), 1L);
        client.send(topic.name(), "sku-1|dc-1", null, 2L);

        List<KeyedValue<Availability>> read = client.readAll(topic, QUIET);

        assertThat(read).hasSize(2);
        assertThat(KafkaTestClient.latestByKey(read)).isEmpty();
    }

    private static Availability availability(String sku, String node, long version, long atp) {
        return Availability.newBuilder()
                .setEventId(Topics.positionKey(sku, node) + '|' + version)
                .setEventTime(BEGINNING.plusSeconds(version))
                .setSku(sku)
                .setNodeId(node)
                .setNodeType(NodeType.DC)
                .setOnHand(atp)
                .setInTransit(0)
                .setSafetyStock(0)
                .setAtp(atp)
                .setVersion(version)
                .setLastSource(SourceSystem.WMS)
                .setLastEventId("e-" + version)
                .build();
    }
}

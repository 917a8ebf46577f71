package io.omnistock.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class GeneratorPublisherTest {

    @Test
    void sendsKeysBytesAndTimestampsAndCountsPerTopic() {
        MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        List<GeneratedRecord> records = new ArrayList<>();
        records.add(record(Topics.POS.name(), "SKU-00001", 10));
        records.add(record(Topics.POS.name(), null, 11));
        records.add(record(Topics.WMS.name(), "SKU-00002", 12));

        try (GeneratorPublisher publisher = new GeneratorPublisher(producer, 0)) {
            publisher.sendAll(records);

            assertThat(publisher.sentByTopic())
                    .isEqualTo(Map.of(Topics.POS.name(), 2L, Topics.WMS.name(), 1L));
            assertThat(publisher.ackedByTopic()).isEqualTo(publisher.sentByTopic());
            assertThat(publisher.failed()).isZero();
        }
        List<ProducerRecord<String, byte[]>> sent = producer.history();
        assertThat(sent).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(sent.get(i).topic()).isEqualTo(records.get(i).topic());
            assertThat(sent.get(i).key()).isEqualTo(records.get(i).key());
            assertThat(sent.get(i).value()).isEqualTo(records.get(i).value());
            assertThat(sent.get(i).timestamp()).isEqualTo(records.get(i).timestamp());
        }
    }

    @Test
    void aFailedSendIsReportedByTheNextCall() {
        MockProducer<String, byte[]> producer =
                new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        GeneratorPublisher publisher = new GeneratorPublisher(producer, 0);
        publisher.send(record(Topics.POS.name(), "SKU-00001", 1));
        producer.errorNext(new IllegalStateException("broker down"));

        assertThat(publisher.failed()).isEqualTo(1);
        assertThatThrownBy(() -> publisher.send(record(Topics.POS.name(), "SKU-00001", 2)))
                .isInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("broker down");
    }

    @Test
    void producerPropertiesAreSafeByDefaultAndOverridable() {
        Properties overrides = new Properties();
        overrides.put("security.protocol", "SASL_SSL");
        overrides.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        overrides.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());

        Properties props = GeneratorPublisher.producerProperties("kafka:9092", overrides);

        assertThat(props)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class.getName());
        // Kafka's default max.request.size (1 MiB) holds the largest generated record (the 100 KiB
        // oversized malformed payload), so the producer keeps the default.
        assertThat(props).doesNotContainKey(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    }

    private static GeneratedRecord record(String topic, String key, long time) {
        return new GeneratedRecord(
                topic, key, new byte[] {(byte) time}, time, GeneratedRecord.Kind.VALID, null, time);
    }
}

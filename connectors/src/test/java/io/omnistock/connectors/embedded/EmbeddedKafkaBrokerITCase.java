package io.omnistock.connectors.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.avro.PosEvent;
import io.omnistock.connectors.TopicAdmin;
import io.omnistock.connectors.TopicSpec;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerITCase {
    private static final TopicSpec<PosEvent> TOPIC =
            new TopicSpec<>("it.large-records", PosEvent.class, false);

    @Test
    void servesClientsOnTheFixedPortAndAcceptsRecordsOverOneMebibyte() throws Exception {
        int port = freePort();
        byte[] large = new byte[2 * 1024 * 1024];
        large[large.length - 1] = 7;

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port)) {
            assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + port);
            TopicAdmin.createTopics(broker.bootstrapServers(), new Properties(), List.of(TOPIC), 1);

            try (var producer =
                    new KafkaProducer<>(
                            Map.of(
                                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    broker.bootstrapServers(),
                                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                                    EmbeddedKafkaBroker.MAX_MESSAGE_BYTES),
                            new StringSerializer(),
                            new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(TOPIC.name(), "big", large)).get();
            }

            List<ConsumerRecord<String, byte[]>> records = readOne(broker.bootstrapServers());
            assertThat(records)
                    .singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo(large));
        }
    }

    @Test
    void rejectsAnImpossiblePort() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(70_000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<ConsumerRecord<String, byte[]>> readOne(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.isEmpty() && System.nanoTime() - deadline < 0) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

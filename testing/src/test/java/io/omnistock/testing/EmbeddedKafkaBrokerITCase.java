package io.omnistock.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.avro.PosEvent;
import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.TopicSpec;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
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
    void keepsItsRecordsAndItsAddressThroughARestart() throws Exception {
        int port = freePort();
        byte[] before = {1, 2, 3};
        byte[] after = {4, 5, 6};

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port)) {
            String bootstrap = broker.bootstrapServers();
            TopicAdmin.createTopics(bootstrap, new Properties(), List.of(TOPIC), 1);
            try (var producer = producer(bootstrap)) {
                producer.send(new ProducerRecord<>(TOPIC.name(), "before", before)).get();

                broker.stop();
                assertThatThrownBy(() -> describeCluster(bootstrap))
                        .as("clients see the stopped broker gone")
                        .hasRootCauseInstanceOf(TimeoutException.class);
                broker.restart();

                assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
                // the producer created before the outage reconnects to the same address
                producer.send(new ProducerRecord<>(TOPIC.name(), "after", after)).get();
            }
            List<ConsumerRecord<String, byte[]>> records = readAtLeast(bootstrap, 2);
            assertThat(records).extracting(ConsumerRecord::key).containsExactly("before", "after");
            assertThat(records.get(0).value()).isEqualTo(before);
            assertThat(records.get(1).value()).isEqualTo(after);
        }
    }

    @Test
    void refusesToRestartABrokerOnARandomPort() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            assertThatThrownBy(broker::stop).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(broker::restart).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void rejectsAnImpossiblePort() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(70_000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private static void describeCluster(String bootstrapServers) throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                1_000,
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                2_000))) {
            admin.describeCluster().clusterId().get();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readOne(String bootstrapServers) {
        return readAtLeast(bootstrapServers, 1);
    }

    private static List<ConsumerRecord<String, byte[]>> readAtLeast(
            String bootstrapServers, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < count && System.nanoTime() - deadline < 0) {
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

package io.omnistock.engine;

import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static io.omnistock.engine.ReferenceCheck.publish;
import static io.omnistock.engine.RunningLedger.counter;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.engine.functions.InputDecoderFuzzTest;
import io.omnistock.engine.functions.LedgerMetrics;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailEventGenerator;
import io.omnistock.generator.RetailNetwork;
import io.omnistock.testing.Await;
import io.omnistock.testing.EmbeddedKafkaBroker;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The decoder fuzzing's first 20,000 mutants (those on input topics), published with their keys,
 * values and headers to a running ledger on the real broker: every record is processed or
 * dead-lettered, each dead letter reaches the deadletter topic, and the job never restarts.
 */
class LedgerFuzzITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final int MUTANTS = 20_000;

    @Test
    void everyMutantIsProcessedOrDeadLetteredWithoutARestart(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        NetworkConfig config = NetworkConfig.small().withSeed(InputDecoderFuzzTest.SEED);
        long nodes = publish(kafka, RetailEventGenerator.nodeRecords(RetailNetwork.build(config)));
        // a compacted topic (network.nodes) takes no record without a key: the broker refuses it
        List<ConsumerRecord<byte[], byte[]>> mutants =
                InputDecoderFuzzTest.mutants(0, MUTANTS).stream()
                        .filter(r -> r.key() != null || !compacted(r.topic()))
                        .toList();
        long onReservations =
                mutants.stream().filter(r -> r.topic().equals(Topics.RESERVATIONS.name())).count();

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.AT_LEAST_ONCE)) {
            send(kafka, mutants);
            long published = nodes + mutants.size();
            // the job's own reservation requests come back in on orders.reservations
            record Seen(long records, Map<String, Object> counters) {}
            Seen seen =
                    Await.until(
                            "all " + published + " published records and the loop's resolved",
                            () ->
                                    new Seen(
                                            published
                                                    + endOffset(kafka, Topics.RESERVATIONS.name())
                                                    - onReservations,
                                            ledger.client().getAccumulators().get()),
                            s ->
                                    counter(s.counters(), LedgerMetrics.RECORDS_IN) == s.records()
                                            && counter(s.counters(), LedgerMetrics.PROCESSED)
                                                            + counter(
                                                                    s.counters(),
                                                                    LedgerMetrics.DEAD_LETTERED)
                                                    == s.records(),
                            DEADLINE);
            long deadLettered = counter(seen.counters(), LedgerMetrics.DEAD_LETTERED);
            System.out.printf(
                    "ledger fuzz: %,d records in, %,d processed, %,d dead-lettered%n",
                    seen.records(),
                    counter(seen.counters(), LedgerMetrics.PROCESSED),
                    deadLettered);

            assertThat(deadLettered).as("most mutants are bad").isGreaterThan(MUTANTS / 2);
            Await.until(
                    "every dead letter on the deadletter topic",
                    () -> endOffset(kafka, Topics.DEADLETTER.name()),
                    count -> count >= deadLettered,
                    DEADLINE);
            assertThat(endOffset(kafka, Topics.DEADLETTER.name())).isEqualTo(deadLettered);
            assertThat(JobAttempts.highestAttempt(cluster, ledger.client().getJobID())).isZero();
            assertThat(ledger.client().getJobStatus().get().isTerminalState()).isFalse();
        }
    }

    private static boolean compacted(String topic) {
        return Topics.all().stream().anyMatch(t -> t.name().equals(topic) && t.compacted());
    }

    /** Publishes the records as they are (keys, values, headers), with the current time. */
    private static void send(String kafka, List<ConsumerRecord<byte[], byte[]>> records)
            throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, EmbeddedKafkaBroker.MAX_MESSAGE_BYTES);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                sent.add(
                        producer.send(
                                new ProducerRecord<>(
                                        r.topic(), null, null, r.key(), r.value(), r.headers())));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(); // every mutant is on the broker, or the test fails here
            }
        }
    }

    /** Records on all partitions of {@code topic}. */
    private static long endOffset(String kafka, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            return consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }
}

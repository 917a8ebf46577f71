package io.omnistock.demo.report;

import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.ReconciliationReport;
import io.omnistock.avro.SustainabilityMetrics;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code metrics.sustainability} and {@code metrics.operations} from the beginning up to the
 * end offsets they had when reading started, as a downstream consumer would ({@code
 * read_committed}, no consumer group: partitions assigned, nothing committed), into a {@link
 * MetricsSeries}; and {@code metrics.reconciliation} where it exists (a cluster set up before the
 * reconciliation reports has none).
 */
public final class MetricsReader {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration CONNECT = Duration.ofSeconds(30);

    /** What one read found. */
    public record Result(long records, long undecodable) {}

    private MetricsReader() {}

    /**
     * Reads both topics up to their current end into {@code into}.
     *
     * @param clientProperties Kafka client settings of the cluster (security, see {@code
     *     KafkaOptions.clientProperties}); the reader's own settings win
     * @param timeout how long reading may take before it gives up
     * @throws IllegalStateException when a topic does not exist or the end is not reached in time
     */
    public static Result read(
            String bootstrapServers,
            Properties clientProperties,
            MetricsSeries into,
            Duration timeout) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "omnistock-report");
        AvroCodec<SustainabilityMetrics> sustainability = Topics.METRICS_SUSTAINABILITY.codec();
        AvroCodec<OperationsMetrics> operations = Topics.METRICS_OPERATIONS.codec();
        AvroCodec<ReconciliationReport> reconciliation = Topics.METRICS_RECONCILIATION.codec();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            // a wrong address fails here, after CONNECT at most
            Map<String, List<PartitionInfo>> topics =
                    consumer.listTopics(timeout.compareTo(CONNECT) < 0 ? timeout : CONNECT);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic :
                    List.of(
                            Topics.METRICS_SUSTAINABILITY.name(),
                            Topics.METRICS_OPERATIONS.name())) {
                List<PartitionInfo> infos = topics.get(topic);
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException(
                            "topic " + topic + " does not exist at " + bootstrapServers);
                }
                for (PartitionInfo p : infos) {
                    partitions.add(new TopicPartition(p.topic(), p.partition()));
                }
            }
            for (PartitionInfo p :
                    topics.getOrDefault(Topics.METRICS_RECONCILIATION.name(), List.of())) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // read_committed: the end is the last stable offset (open transactions excluded)
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            long records = 0;
            long undecodable = 0;
            while (!reachedEnd(consumer, ends, Set.copyOf(partitions))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(
                            "did not reach the end of the metric topics within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.value() == null) {
                        continue; // a tombstone: nothing to keep
                    }
                    records++;
                    try {
                        if (record.topic().equals(Topics.METRICS_SUSTAINABILITY.name())) {
                            into.add(sustainability.decode(record.value()));
                        } else if (record.topic().equals(Topics.METRICS_RECONCILIATION.name())) {
                            into.add(reconciliation.decode(record.value()));
                        } else {
                            into.add(operations.decode(record.value()));
                        }
                    } catch (DecodeException e) {
                        undecodable++;
                    }
                }
            }
            return new Result(records, undecodable);
        }
    }

    private static boolean reachedEnd(
            KafkaConsumer<?, ?> consumer,
            Map<TopicPartition, Long> ends,
            Set<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < ends.getOrDefault(tp, 0L)) {
                return false;
            }
        }
        return true;
    }
}

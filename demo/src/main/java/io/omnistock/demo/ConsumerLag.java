package io.omnistock.demo;

import io.omnistock.contracts.TopicSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A job's consumer lag (the engine's, or the analytics job's at the end of a run): end offsets of
 * its input topics (the last stable offsets, which a {@code read_committed} reader can reach) minus
 * the offsets its consumer group committed. Flink commits them with each completed checkpoint, when
 * every record before them has been through the whole job, so the lag counts records offered but
 * not yet processed, plus up to a checkpoint's worth the job has processed since.
 */
final class ConsumerLag implements AutoCloseable {
    private final Admin admin;
    private final String bootstrapServers;
    private final String groupId;
    private final List<String> topics;

    ConsumerLag(String bootstrapServers, String groupId, List<TopicSpec<?>> inputs) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
        this.bootstrapServers = bootstrapServers;
        this.groupId = groupId;
        this.topics = inputs.stream().map(TopicSpec::name).toList();
    }

    /**
     * Offsets summed over the input topics' partitions.
     *
     * @param end records offered: the sum of the partitions' end offsets
     * @param committed records the job has processed, as of its last completed checkpoint
     */
    record Offsets(long end, long committed) {
        /** Records offered but not yet processed. */
        long lag() {
            return Math.max(0, end - committed);
        }
    }

    /** The input topics' offsets now, or null when they cannot be read right now. */
    Offsets offsets() {
        try {
            Map<TopicPartition, Long> committed = committed();
            long endSum = 0;
            long committedSum = 0;
            for (Map.Entry<TopicPartition, Long> end : endOffsets(topics).entrySet()) {
                endSum += end.getValue();
                committedSum += Math.min(committed.getOrDefault(end.getKey(), 0L), end.getValue());
            }
            return new Offsets(endSum, committedSum);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Whether the group has read every record of its input topics: no record lies at or after an
     * offset it committed. Not the same as a lag of 0: a transactional producer leaves a commit
     * marker after its records, which takes an offset but is no record.
     */
    boolean readEverything() throws Exception {
        Map<TopicPartition, Long> committed = committed();
        Map<TopicPartition, Long> behind = new HashMap<>();
        endOffsets(topics)
                .forEach(
                        (tp, end) -> {
                            if (committed.getOrDefault(tp, 0L) < end) {
                                behind.put(tp, end);
                            }
                        });
        if (behind.isEmpty()) {
            return true;
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> reader =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            reader.assign(behind.keySet());
            behind.keySet().forEach(tp -> reader.seek(tp, committed.getOrDefault(tp, 0L)));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (behind.entrySet().stream()
                    .anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
                if (!reader.poll(Duration.ofMillis(200)).isEmpty() || System.nanoTime() > until) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The offsets a {@code read_committed} reader can reach, per partition of {@code topics}. */
    Map<TopicPartition, Long> endOffsets(List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest =
                admin
                        .describeTopics(topics)
                        .allTopicNames()
                        .get(5, TimeUnit.SECONDS)
                        .values()
                        .stream()
                        .flatMap(
                                d ->
                                        d.partitions().stream()
                                                .map(
                                                        p ->
                                                                new TopicPartition(
                                                                        d.name(), p.partition())))
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get(5, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private Map<TopicPartition, Long> committed() throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get(5, TimeUnit.SECONDS)
                .forEach(
                        (tp, done) -> {
                            if (done != null) {
                                offsets.put(tp, done.offset());
                            }
                        });
        return offsets;
    }

    @Override
    public void close() {
        admin.close();
    }
}

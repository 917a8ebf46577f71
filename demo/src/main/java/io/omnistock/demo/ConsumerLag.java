package io.omnistock.demo;

import io.omnistock.contracts.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The ledger's consumer lag: end offsets of its input topics (the last stable offsets, which a
 * {@code read_committed} reader can reach) minus the offsets its consumer group committed. Flink
 * commits them with each completed checkpoint, when every record before them has been through the
 * whole job, so the lag counts records offered but not yet processed, plus up to a checkpoint's
 * worth the job has processed since.
 */
final class ConsumerLag implements AutoCloseable {
    private final Admin admin;
    private final String groupId;
    private final List<String> topics;

    ConsumerLag(String bootstrapServers, String groupId, List<TopicSpec<?>> inputs) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
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
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId)
                            .partitionsToOffsetAndMetadata()
                            .get(5, TimeUnit.SECONDS);
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
                                                                            d.name(),
                                                                            p.partition())))
                            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                            .all()
                            .get(5, TimeUnit.SECONDS);
            long endSum = 0;
            long committedSum = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                endSum += end.getValue().offset();
                committedSum += done == null ? 0 : Math.min(done.offset(), end.getValue().offset());
            }
            return new Offsets(endSum, committedSum);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}

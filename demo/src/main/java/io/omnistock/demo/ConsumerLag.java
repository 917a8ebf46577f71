package io.omnistock.demo;

import io.omnistock.connectors.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The ledger's consumer lag: end offsets of its input topics minus the offsets its consumer group
 * committed (Flink commits them with each completed checkpoint).
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

    /** Records not yet committed by the ledger's group, or -1 when it cannot be read right now. */
    long records() {
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
                    admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            long lag = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}

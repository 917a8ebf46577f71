package io.omnistock.serving;

import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions of a topic, for the service's readers, which assign them rather than subscribe.
 */
final class TopicPartitions {
    private TopicPartitions() {}

    /** The partitions of {@code topic}; none while the topic does not exist. */
    static List<TopicPartition> ifExists(KafkaConsumer<?, ?> c, String topic) {
        List<PartitionInfo> infos = c.partitionsFor(topic);
        if (infos == null) {
            return List.of();
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /**
     * The partitions of {@code topic}.
     *
     * @throws IllegalStateException while the topic does not exist (the reader starts over)
     */
    static List<TopicPartition> of(KafkaConsumer<?, ?> c, String topic) {
        List<TopicPartition> partitions = ifExists(c, topic);
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist (yet)");
        }
        return partitions;
    }
}

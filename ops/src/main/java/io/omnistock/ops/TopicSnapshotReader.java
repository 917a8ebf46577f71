package io.omnistock.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every partition of a topic from its beginning up to its end as of the start of the read
 * (records written meanwhile are left for the next run), without a consumer group.
 */
final class TopicSnapshotReader {
    private static final Duration POLL = Duration.ofMillis(200);

    private TopicSnapshotReader() {}

    /**
     * Hands each record of {@code topic} to {@code each}, partition by partition in offset order
     * within a partition, and returns how many there were.
     *
     * @throws IllegalArgumentException when the topic does not exist
     */
    static long read(
            Properties consumerProperties,
            String topic,
            Consumer<ConsumerRecord<String, byte[]>> each) {
        return read(consumerProperties, topic, total -> {}, each);
    }

    /**
     * {@link #read(Properties, String, Consumer)}, telling {@code total} first how many offsets the
     * read spans (an upper bound of the records: transaction markers take offsets too).
     */
    static long read(
            Properties consumerProperties,
            String topic,
            LongConsumer total,
            Consumer<ConsumerRecord<String, byte[]>> each) {
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        consumerProperties,
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
            total.accept(partitions.stream().mapToLong(p -> end.get(p) - beginning.get(p)).sum());
            long count = 0;
            while (!reached(consumer, end)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end.get(new TopicPartition(topic, record.partition()))) {
                        each.accept(record);
                        count++;
                    }
                }
            }
            return count;
        }
    }

    /** The partitions of {@code topic}. */
    static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException(
                    "no topic " + topic + " (create it with: omnistock topics create)");
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}

package io.omnistock.ops;

import io.omnistock.avro.Movement;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads one position's movement journal from inventory.movements: only the partition its key {@code
 * sku|node} hashes to (the producers' default partitioner, which the engine's sink uses), from the
 * first record written at or after {@code since} up to the partition's end as of the start of the
 * read, keeping that key's records in offset order: the order the ledger judged the events.
 */
final class MovementHistoryReader {
    private static final Duration POLL = Duration.ofMillis(200);

    private MovementHistoryReader() {}

    /** The partition of {@code key} among {@code partitions}, as the Kafka producer picks it. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * The records of {@code key} written since {@code since}, oldest first; tells {@code total} how
     * many offsets the read spans first and {@code progress} each offset read.
     */
    static List<Movement> read(
            Properties consumerProperties,
            String key,
            Instant since,
            LongConsumer total,
            LongConsumer progress) {
        AvroCodec<Movement> codec = Topics.MOVEMENTS.codec();
        List<Movement> movements = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        consumerProperties,
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            int partitions =
                    TopicSnapshotReader.partitionsOf(consumer, Topics.MOVEMENTS.name()).size();
            TopicPartition partition =
                    new TopicPartition(Topics.MOVEMENTS.name(), partitionOf(key, partitions));
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            Map<TopicPartition, OffsetAndTimestamp> first =
                    consumer.offsetsForTimes(Map.of(partition, since.toEpochMilli()));
            long start = first.get(partition) == null ? end : first.get(partition).offset();
            total.accept(end - start);
            consumer.seek(partition, start);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() >= end) {
                        continue;
                    }
                    if (key.equals(record.key()) && record.value() != null) {
                        movements.add(RecordValues.decode(codec, record));
                    }
                    progress.accept(record.offset() - start + 1);
                }
            }
        }
        return movements;
    }
}

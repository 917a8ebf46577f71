package io.omnistock.connectors;

import io.omnistock.avro.DeadLetter;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a value to its topic as key = UTF-8 string, value = plain Avro binary, and no timestamp:
 * the producer stamps the record with the time it is written. Never the element's (event) time: a
 * broker refuses a record stamped more than {@code message.timestamp.after.max.ms} (1 hour by
 * default) ahead of its clock, which an accepted event from a skewed till would be, and retention
 * counts from the record's timestamp, so replayed history would be deleted at once from
 * time-retained topics. The event time is a field of every value. Each parallel instance creates
 * its own codec in {@link #open}, because a codec must not be shared.
 *
 * <p>A record larger than its topic takes ({@link RecordSizeLimit}) would be refused by the
 * producer or the broker, fail the job and fail it again on every restart. It goes to {@code
 * deadletter} instead, as an {@code OUTPUT_TOO_LARGE} dead letter holding the encoded value ({@link
 * OversizedOutputs}), in the same transaction as the sink's other records, and is counted in the
 * sink's {@value KafkaSinks#OUTPUTS_DEAD_LETTERED} metric. A dead letter too large for {@code
 * deadletter} keeps the first bytes of its original that fit.
 */
final class KeyedAvroSerializationSchema<V extends SpecificRecord>
        implements KafkaRecordSerializationSchema<V> {
    private static final long serialVersionUID = 1L;

    private final TopicSpec<V> topic;
    private final SerializableFunction<V, String> keyOf;
    private final RecordSizeLimit limit;

    private transient AvroCodec<V> codec;
    private transient int topicLimit;
    private transient OversizedOutputs oversized;
    private transient Counter deadLettered;

    /** A schema that knows only Kafka's default {@code max.request.size} (no broker asked). */
    KeyedAvroSerializationSchema(TopicSpec<V> topic, SerializableFunction<V, String> keyOf) {
        this(topic, keyOf, RecordSizeLimit.producerOnly(RecordSizeLimit.DEFAULT_MAX_REQUEST_SIZE));
    }

    KeyedAvroSerializationSchema(
            TopicSpec<V> topic, SerializableFunction<V, String> keyOf, RecordSizeLimit limit) {
        this.topic = topic;
        this.keyOf = keyOf;
        this.limit = limit;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        codec = topic.codec();
        Map<String, Integer> limits =
                limit.lookup(
                        topic.name().equals(Topics.DEADLETTER.name())
                                ? List.of(topic.name())
                                : List.of(topic.name(), Topics.DEADLETTER.name()));
        topicLimit = limits.get(topic.name());
        oversized = new OversizedOutputs(limit, limits.get(Topics.DEADLETTER.name()));
        deadLettered =
                context == null
                        ? new SimpleCounter()
                        : context.getMetricGroup().counter(KafkaSinks.OUTPUTS_DEAD_LETTERED);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            V element, KafkaSinkContext context, Long timestamp) {
        String key = keyOf.apply(element);
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        byte[] value = codec.encode(element);
        int size = limit.measure(keyBytes, value);
        if (size <= topicLimit) {
            return record(topic.name(), keyBytes, value);
        }
        if (element instanceof DeadLetter letter) {
            // a dead letter is never dead-lettered again: it keeps what fits of its original
            return record(topic.name(), keyBytes, oversized.encode(oversized.fit(letter)));
        }
        deadLettered.inc();
        DeadLetter letter = oversized.deadLetter(topic.name(), key, value, size, topicLimit);
        return record(
                Topics.DEADLETTER.name(),
                topic.name().getBytes(StandardCharsets.UTF_8),
                oversized.encode(letter));
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, byte[] key, byte[] value) {
        return new ProducerRecord<>(topic, null, null, key, value);
    }
}

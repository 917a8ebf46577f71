package io.omnistock.connectors;

import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.TopicSpec;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
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
 */
final class KeyedAvroSerializationSchema<V extends SpecificRecord>
        implements KafkaRecordSerializationSchema<V> {
    private static final long serialVersionUID = 1L;

    private final TopicSpec<V> topic;
    private final SerializableFunction<V, String> keyOf;

    private transient AvroCodec<V> codec;

    KeyedAvroSerializationSchema(TopicSpec<V> topic, SerializableFunction<V, String> keyOf) {
        this.topic = topic;
        this.keyOf = keyOf;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        codec = topic.codec();
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            V element, KafkaSinkContext context, Long timestamp) {
        String key = keyOf.apply(element);
        return new ProducerRecord<>(
                topic.name(),
                null,
                null,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                codec.encode(element));
    }
}

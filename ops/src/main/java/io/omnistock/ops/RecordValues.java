package io.omnistock.ops;

import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.WriterSchemas;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Decodes record values as the engine does: with the writer schema their header names. */
final class RecordValues {
    private RecordValues() {}

    /**
     * The value of {@code record}.
     *
     * @throws IllegalStateException naming the record when it is not a {@code V}
     */
    static <V extends SpecificRecord> V decode(
            AvroCodec<V> codec, ConsumerRecord<String, byte[]> record) {
        try {
            return tryDecode(codec, record);
        } catch (DecodeException e) {
            throw new IllegalStateException(
                    "record " + position(record) + " is not a " + codec.type().getSimpleName(), e);
        }
    }

    /** The value of {@code record}; throws when it is not a {@code V}. */
    static <V extends SpecificRecord> V tryDecode(
            AvroCodec<V> codec, ConsumerRecord<String, byte[]> record) throws DecodeException {
        return codec.decode(record.value(), schemaHeader(record));
    }

    /** {@code topic/partition/offset} of {@code record}. */
    static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + '/' + record.partition() + '/' + record.offset();
    }

    /** The {@link WriterSchemas#HEADER} of {@code record}, or null. */
    private static String schemaHeader(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(WriterSchemas.HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

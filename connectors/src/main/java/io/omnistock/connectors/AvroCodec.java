package io.omnistock.connectors;

import io.omnistock.avro.DeadLetterReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Plain Avro binary encoding of one record type (no framing, no registry). Reuses its reader,
 * writer, encoder and decoder, so one instance must not be shared between threads: create one per
 * Flink subtask in {@code open()} or per producer thread.
 */
public final class AvroCodec<V extends SpecificRecord> implements Serializable {
    private static final long serialVersionUID = 1L;

    static {
        AvroLimits.install();
    }

    private final Class<V> type;
    private final int maxRecordBytes;

    private transient SpecificDatumReader<V> reader;
    private transient SpecificDatumWriter<V> writer;
    private transient BinaryDecoder decoder;
    private transient BinaryEncoder encoder;
    private transient ByteArrayOutputStream buffer;

    public AvroCodec(Class<V> type, int maxRecordBytes) {
        this.type = type;
        this.maxRecordBytes = maxRecordBytes;
    }

    public Class<V> type() {
        return type;
    }

    /** Decodes exactly one record; rejects empty, oversized, truncated and over-long payloads. */
    public V decode(byte[] bytes) throws DecodeException {
        if (bytes == null || bytes.length == 0) {
            throw new DecodeException(DeadLetterReason.EMPTY_PAYLOAD, "empty payload");
        }
        if (bytes.length > maxRecordBytes) {
            throw new DecodeException(
                    DeadLetterReason.OVERSIZED_RECORD,
                    "payload of " + bytes.length + " bytes exceeds " + maxRecordBytes);
        }
        if (reader == null) {
            reader = new SpecificDatumReader<>(type);
        }
        decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
        V record;
        try {
            record = reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new DecodeException(
                    DeadLetterReason.UNDECODABLE, "not a " + type.getSimpleName() + ": " + e, e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new DecodeException(
                        DeadLetterReason.TRAILING_BYTES,
                        "bytes left after a " + type.getSimpleName() + " (another schema?)");
            }
        } catch (IOException e) {
            throw new DecodeException(DeadLetterReason.UNDECODABLE, e.toString(), e);
        }
        return record;
    }

    public byte[] encode(V record) {
        if (writer == null) {
            writer = new SpecificDatumWriter<>(type);
            buffer = new ByteArrayOutputStream(256);
        }
        buffer.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + type.getSimpleName(), e);
        }
        return buffer.toByteArray();
    }
}

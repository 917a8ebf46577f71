package io.omnistock.contracts;

import io.omnistock.avro.DeadLetterReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Plain Avro binary encoding of one record type (no framing, no registry). Reuses its reader,
 * writer, encoder and decoder, so one instance must not be shared between threads: create one per
 * Flink subtask in {@code open()} or per producer thread.
 *
 * <p>Schema evolution: a record may name the schema it was written with in the Kafka header {@link
 * WriterSchemas#HEADER} (pass its value to {@link #decode(byte[], String)}). Without the header, or
 * naming the current schema, the bytes are read as the current schema. Naming a known earlier
 * version, they are resolved from it (Avro schema resolution: fields it lacks take their defaults).
 * Naming a schema the engine does not know, the writer is taken to be a newer version that appended
 * fields with defaults (the only change the contract allows): the current fields are read and the
 * appended ones after them skipped. A header naming another record type, or not a fingerprint at
 * all, is {@code UNDECODABLE}.
 */
public final class AvroCodec<V extends SpecificRecord> implements Serializable {
    private static final long serialVersionUID = 1L;

    static {
        AvroLimits.install();
    }

    private final Class<V> type;
    private final int maxRecordBytes;

    private transient SpecificDatumReader<V> reader;
    private transient Map<Long, SpecificDatumReader<V>> resolvingReaders;
    private transient long currentFingerprint;
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
        return decode(bytes, null);
    }

    /**
     * Decodes one record written with the schema {@code schemaHeader} names (the value of the
     * {@link WriterSchemas#HEADER} header, or null when the record has none; see the class
     * comment).
     */
    public V decode(byte[] bytes, String schemaHeader) throws DecodeException {
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
            resolvingReaders = new HashMap<>();
            currentFingerprint =
                    SchemaNormalization.parsingFingerprint64(SpecificData.get().getSchema(type));
        }
        SpecificDatumReader<V> chosen = reader;
        boolean appendedFieldsFollow = false;
        String writtenWith = "";
        if (schemaHeader != null) {
            long fingerprint;
            try {
                fingerprint = WriterSchemas.parseHeader(schemaHeader);
            } catch (IllegalArgumentException e) {
                throw new DecodeException(DeadLetterReason.UNDECODABLE, e.getMessage(), e);
            }
            if (fingerprint != currentFingerprint) {
                Schema writer = WriterSchemas.known().find(fingerprint);
                if (writer == null) {
                    appendedFieldsFollow = true;
                    writtenWith = " (written with unknown schema " + schemaHeader + ")";
                } else if (!writer.getFullName().equals(type.getName())) {
                    throw new DecodeException(
                            DeadLetterReason.UNDECODABLE,
                            "written as "
                                    + writer.getFullName()
                                    + ", this topic carries "
                                    + type.getName());
                } else {
                    chosen = resolvingReader(fingerprint, writer);
                    writtenWith = " (written with earlier schema " + schemaHeader + ")";
                }
            }
        }
        decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
        V record;
        try {
            record = chosen.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new DecodeException(
                    DeadLetterReason.UNDECODABLE,
                    "not a " + type.getSimpleName() + writtenWith + ": " + e,
                    e);
        }
        if (appendedFieldsFollow) {
            return record; // the rest are the fields a newer version appended
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

    private SpecificDatumReader<V> resolvingReader(long fingerprint, Schema writer) {
        return resolvingReaders.computeIfAbsent(
                fingerprint,
                f -> new SpecificDatumReader<>(writer, SpecificData.get().getSchema(type)));
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

package io.omnistock.contracts;

import java.io.Serializable;
import org.apache.avro.specific.SpecificRecord;

/**
 * A topic of the public contract: its name, the Avro type of its values (keys are plain UTF-8
 * strings), whether it is compacted, and the largest value its readers accept. Immutable; see
 * {@link Topics} for the catalog.
 */
public record TopicSpec<V extends SpecificRecord>(
        String name, Class<V> valueType, boolean compacted, int maxRecordBytes)
        implements Serializable {

    /** Input records larger than this are dead-lettered unread; a real event is ~100 bytes. */
    public static final int MAX_RECORD_BYTES = 64 * 1024;

    /** A topic whose records are at most {@link #MAX_RECORD_BYTES}. */
    public TopicSpec(String name, Class<V> valueType, boolean compacted) {
        this(name, valueType, compacted, MAX_RECORD_BYTES);
    }

    /** A fresh codec for this topic's values; one per thread. */
    public AvroCodec<V> codec() {
        return new AvroCodec<>(valueType, maxRecordBytes);
    }
}

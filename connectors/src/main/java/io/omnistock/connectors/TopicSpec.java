package io.omnistock.connectors;

import java.io.Serializable;
import org.apache.avro.specific.SpecificRecord;

/**
 * A topic of the public contract: its name, the Avro type of its values (keys are plain UTF-8
 * strings) and whether it is compacted. Immutable; see {@link Topics} for the catalog.
 */
public record TopicSpec<V extends SpecificRecord>(
        String name, Class<V> valueType, boolean compacted) implements Serializable {

    /** Records larger than this are dead-lettered unread; a real inventory event is ~100 bytes. */
    public static final int MAX_RECORD_BYTES = 64 * 1024;

    /** A fresh codec for this topic's values; one per thread. */
    public AvroCodec<V> codec() {
        return new AvroCodec<>(valueType, MAX_RECORD_BYTES);
    }
}

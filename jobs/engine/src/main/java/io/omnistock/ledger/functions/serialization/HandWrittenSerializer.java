package io.omnistock.ledger.functions.serialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A serializer for a mutable state or record class that writes its fields in a fixed order, instead
 * of Flink's reflective POJO serializer: state entries read and written on every event cost a
 * fraction of the time (the ledger's profile, bench/RESULTS.md). Subclasses write and read the
 * fields; copying goes through the bytes, which only the heap state backend and non-reusing chains
 * need. A serializer holds no state of its own unless it overrides {@link #duplicate}, {@link
 * #equals} and {@link #hashCode} (one with nested serializers does).
 *
 * <p>The byte layout is a savepoint contract: a change to it needs a new serializer snapshot
 * version that still reads the old layout.
 */
abstract class HandWrittenSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public T copy(T from) {
        if (from == null) {
            return null;
        }
        try {
            DataOutputSerializer out = new DataOutputSerializer(128);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}

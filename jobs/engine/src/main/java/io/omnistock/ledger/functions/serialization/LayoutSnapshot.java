package io.omnistock.ledger.functions.serialization;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of a hand-written serializer whose byte layout has changed over time: it records the
 * layout that wrote the state, so a restore reads old bytes with the old layout and Flink migrates
 * them to the current one. Versions up to 3 were written by Flink's {@code
 * SimpleTypeSerializerSnapshot} (no payload) for layout 1; version 4 writes the layout number.
 */
abstract class LayoutSnapshot<T> implements TypeSerializerSnapshot<T> {
    private static final int VERSION = 4;

    private int layout;

    LayoutSnapshot(int layout) {
        this.layout = layout;
    }

    /** The serializer that reads and writes {@code layout}. */
    abstract TypeSerializer<T> serializerFor(int layout);

    int layout() {
        return layout;
    }

    @Override
    public int getCurrentVersion() {
        return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeInt(layout);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader loader)
            throws IOException {
        switch (readVersion) {
            case 2 -> {
                in.readUTF(); // SimpleTypeSerializerSnapshot v2 wrote the class name
                layout = 1;
            }
            case 3 -> layout = 1;
            case VERSION -> layout = in.readInt();
            default ->
                    throw new IOException(
                            "unknown " + getClass().getName() + " version " + readVersion);
        }
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return serializerFor(layout);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
            TypeSerializerSnapshot<T> old) {
        if (old.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        int previous = ((LayoutSnapshot<T>) old).layout;
        if (previous == layout) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        return previous < layout
                ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}

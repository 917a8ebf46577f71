package io.omnistock.ledger.functions.serialization;

import io.omnistock.ledger.domain.NetworkTotals;
import io.omnistock.ledger.functions.SkuSummary;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link SkuSummary}s in RocksDB. */
public final class SkuSummarySerializer extends HandWrittenSerializer<SkuSummary> {
    private static final long serialVersionUID = 1L;

    public static final SkuSummarySerializer INSTANCE = new SkuSummarySerializer();

    private SkuSummarySerializer() {}

    @Override
    public SkuSummary createInstance() {
        return new SkuSummary();
    }

    @Override
    public void serialize(SkuSummary s, DataOutputView out) throws IOException {
        NetworkTotals t = s.totals;
        out.writeLong(t.networkAtp);
        out.writeLong(t.storeAtp);
        out.writeLong(t.dcAtp);
        out.writeLong(t.darkStoreAtp);
        out.writeLong(t.threePlAtp);
        out.writeInt(t.openNodes);
        out.writeLong(t.version);
        out.writeLong(s.expiryTimer);
        out.writeInt(s.heldEvents);
    }

    @Override
    public SkuSummary deserialize(DataInputView in) throws IOException {
        SkuSummary s = new SkuSummary();
        NetworkTotals t = s.totals;
        t.networkAtp = in.readLong();
        t.storeAtp = in.readLong();
        t.dcAtp = in.readLong();
        t.darkStoreAtp = in.readLong();
        t.threePlAtp = in.readLong();
        t.openNodes = in.readInt();
        t.version = in.readLong();
        s.expiryTimer = in.readLong();
        s.heldEvents = in.readInt();
        return s;
    }

    @Override
    public TypeSerializerSnapshot<SkuSummary> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints and savepoints. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SkuSummary> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}

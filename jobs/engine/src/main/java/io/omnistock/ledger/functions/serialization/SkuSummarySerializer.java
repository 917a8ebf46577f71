package io.omnistock.ledger.functions.serialization;

import io.omnistock.domain.inventory.NetworkTotals;
import io.omnistock.engine.functions.SkuSummary;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link SkuSummary}s in RocksDB.
 *
 * <p>Byte layouts (a savepoint contract): layout 1 holds the network totals, the expiry timer and
 * the held events; layout 2 holds the expiry timer, the held events and {@code legacyDedupeUntil}:
 * the totals are rebuilt from the positions instead. A savepoint written with layout 1 (its event
 * ids in the per-SKU map) restores through {@link Snapshot} version 3 and is migrated: its totals
 * are dropped, and each summary reads as {@link SkuSummary#LEGACY_IDS_UNKNOWN}, so its SKU keeps
 * consulting the old map until the ids there expire.
 */
public final class SkuSummarySerializer extends HandWrittenSerializer<SkuSummary> {
    private static final long serialVersionUID = 1L;

    static final int LAYOUT_1 = 1;
    static final int CURRENT_LAYOUT = 2;

    public static final SkuSummarySerializer INSTANCE = new SkuSummarySerializer(CURRENT_LAYOUT);

    /** Reads (and writes) the layout of savepoints taken before event ids moved into positions. */
    static final SkuSummarySerializer LAYOUT_1_INSTANCE = new SkuSummarySerializer(LAYOUT_1);

    private final int layout;

    private SkuSummarySerializer(int layout) {
        this.layout = layout;
    }

    static SkuSummarySerializer forLayout(int layout) {
        return switch (layout) {
            case LAYOUT_1 -> LAYOUT_1_INSTANCE;
            case CURRENT_LAYOUT -> INSTANCE;
            default -> throw new IllegalArgumentException("unknown SkuSummary layout " + layout);
        };
    }

    @Override
    public SkuSummary createInstance() {
        return new SkuSummary();
    }

    @Override
    public void serialize(SkuSummary s, DataOutputView out) throws IOException {
        if (layout == LAYOUT_1) {
            NetworkTotals t = s.totals;
            out.writeLong(t.networkAtp);
            out.writeLong(t.storeAtp);
            out.writeLong(t.dcAtp);
            out.writeLong(t.darkStoreAtp);
            out.writeLong(t.threePlAtp);
            out.writeInt(t.openNodes);
            out.writeLong(t.version);
        }
        out.writeLong(s.expiryTimer);
        out.writeInt(s.heldRecords);
        if (layout >= 2) {
            out.writeLong(s.legacyDedupeUntil);
        }
    }

    @Override
    public SkuSummary deserialize(DataInputView in) throws IOException {
        SkuSummary s = new SkuSummary();
        if (layout == LAYOUT_1) {
            NetworkTotals t = s.totals; // read for the record: the cache rebuilds them
            t.networkAtp = in.readLong();
            t.storeAtp = in.readLong();
            t.dcAtp = in.readLong();
            t.darkStoreAtp = in.readLong();
            t.threePlAtp = in.readLong();
            t.openNodes = in.readInt();
            t.version = in.readLong();
        }
        s.expiryTimer = in.readLong();
        s.heldRecords = in.readInt();
        s.legacyDedupeUntil = layout >= 2 ? in.readLong() : SkuSummary.LEGACY_IDS_UNKNOWN;
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SkuSummarySerializer other && other.layout == layout;
    }

    @Override
    public int hashCode() {
        return 31 * getClass().hashCode() + layout;
    }

    @Override
    public TypeSerializerSnapshot<SkuSummary> snapshotConfiguration() {
        return new Snapshot(layout);
    }

    /** Restores this serializer from checkpoints and savepoints, whichever layout wrote them. */
    public static final class Snapshot extends LayoutSnapshot<SkuSummary> {
        public Snapshot() {
            this(CURRENT_LAYOUT);
        }

        Snapshot(int layout) {
            super(layout);
        }

        @Override
        TypeSerializer<SkuSummary> serializerFor(int layout) {
            return forLayout(layout);
        }
    }
}

package io.omnistock.ledger.functions.serialization;

import io.omnistock.avro.NodeType;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.inventory.BufferedDelta;
import io.omnistock.domain.inventory.EventType;
import io.omnistock.domain.inventory.InboundShipment;
import io.omnistock.domain.inventory.PendingCountCheck;
import io.omnistock.domain.inventory.Position;
import io.omnistock.domain.inventory.RememberedEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link Position}s in RocksDB, with their buffered deltas and inbound shipments.
 *
 * <p>Byte layouts (a savepoint contract): layout 1 (before the demand forecast) ends with the
 * inbound shipments; layout 2 appends the demand forecast (rate, its time, observed-since, the
 * projected-stockout flag); layout 3 appends the count of network-share changes and the remembered
 * event ids (network totals and dedupe moved from per-SKU entries into the positions); layout 4
 * appends the pending count checks (discrepancies judged in event time); layout 5 appends the units
 * held by cart and checkout holds and their published figure. A savepoint written with layout 1
 * restores through {@link Snapshot} version 3 and is migrated: its positions read with a fresh
 * forecast; layouts 1 and 2 read with no remembered ids (the SKU summary's {@code
 * legacyDedupeUntil} keeps the old map consulted); layouts 1 to 3 read with no pending checks
 * (their counts were compared on arrival); layouts 1 to 4 read with nothing held (there were no
 * holds). Layout 6 appends each pending check's 3PL batch id (reconciliation reports); layouts 1 to
 * 5 read with no batch ids on their pending checks. Layout 7 appends each inbound shipment's units
 * promised to orders allowing future supply (inbound promises); layouts 1 to 6 read with nothing
 * promised (there were no such promises).
 */
public final class PositionSerializer extends HandWrittenSerializer<Position> {
    private static final long serialVersionUID = 1L;

    static final int LAYOUT_1 = 1;
    static final int LAYOUT_2 = 2;
    static final int LAYOUT_3 = 3;
    static final int LAYOUT_4 = 4;
    static final int LAYOUT_5 = 5;
    static final int LAYOUT_6 = 6;
    static final int CURRENT_LAYOUT = 7;

    public static final PositionSerializer INSTANCE = new PositionSerializer(CURRENT_LAYOUT);

    /** Reads (and writes) the layout of savepoints taken before the demand forecast. */
    static final PositionSerializer LAYOUT_1_INSTANCE = new PositionSerializer(LAYOUT_1);

    /** Reads (and writes) the layout of savepoints taken before dedupe moved into positions. */
    static final PositionSerializer LAYOUT_2_INSTANCE = new PositionSerializer(LAYOUT_2);

    /**
     * Reads (and writes) the layout of savepoints taken before count checks waited in event time.
     */
    static final PositionSerializer LAYOUT_3_INSTANCE = new PositionSerializer(LAYOUT_3);

    /** Reads (and writes) the layout of savepoints taken before holds. */
    static final PositionSerializer LAYOUT_4_INSTANCE = new PositionSerializer(LAYOUT_4);

    /** Reads (and writes) the layout of savepoints taken before checks kept their batch ids. */
    static final PositionSerializer LAYOUT_5_INSTANCE = new PositionSerializer(LAYOUT_5);

    /** Reads (and writes) the layout of savepoints taken before inbound promises. */
    static final PositionSerializer LAYOUT_6_INSTANCE = new PositionSerializer(LAYOUT_6);

    private static final EventType[] EVENT_TYPES = EventType.values();
    private static final NodeType[] NODE_TYPES = NodeType.values();
    private static final SourceSystem[] SOURCES = SourceSystem.values();

    private final int layout;

    private PositionSerializer(int layout) {
        this.layout = layout;
    }

    static PositionSerializer forLayout(int layout) {
        return switch (layout) {
            case LAYOUT_1 -> LAYOUT_1_INSTANCE;
            case LAYOUT_2 -> LAYOUT_2_INSTANCE;
            case LAYOUT_3 -> LAYOUT_3_INSTANCE;
            case LAYOUT_4 -> LAYOUT_4_INSTANCE;
            case LAYOUT_5 -> LAYOUT_5_INSTANCE;
            case LAYOUT_6 -> LAYOUT_6_INSTANCE;
            case CURRENT_LAYOUT -> INSTANCE;
            default -> throw new IllegalArgumentException("unknown Position layout " + layout);
        };
    }

    @Override
    public Position createInstance() {
        return new Position();
    }

    @Override
    public void serialize(Position p, DataOutputView out) throws IOException {
        out.writeLong(p.onHand);
        out.writeLong(p.reserved);
        out.writeLong(p.lastCountTime);
        out.writeLong(p.earliestAppliedDelta);
        out.writeLong(p.version);
        out.writeLong(p.publishedOnHand);
        out.writeLong(p.publishedReserved);
        out.writeLong(p.publishedInTransit);
        out.writeLong(p.publishedSafetyStock);
        out.writeLong(p.publishedAtp);
        out.writeBoolean(p.inboundChanged);
        out.writeBoolean(p.countedInNetwork);
        out.writeByte(p.countedType == null ? -1 : p.countedType.ordinal());
        out.writeLong(p.countedAtp);

        out.writeInt(p.recentDeltas.size());
        for (BufferedDelta d : p.recentDeltas) {
            Utf8.write(d.eventId, out);
            out.writeLong(d.eventTime);
            out.writeByte(d.type.ordinal());
            out.writeLong(d.delta);
            out.writeBoolean(d.voided);
        }
        out.writeInt(p.inbound.size());
        for (InboundShipment s : p.inbound) {
            Utf8.write(s.asnId, out);
            out.writeLong(s.quantity);
            out.writeLong(s.eta);
            out.writeLong(s.asnTime);
            out.writeLong(s.received);
            out.writeLong(s.lastTouched);
        }
        if (layout >= 2) {
            out.writeDouble(p.demandRate);
            out.writeLong(p.demandRateTime);
            out.writeLong(p.observedSince);
            out.writeBoolean(p.stockoutAlerted);
        }
        if (layout >= 3) {
            out.writeLong(p.networkChanges);
            out.writeInt(p.rememberedEvents.size());
            for (RememberedEvent e : p.rememberedEvents) {
                Utf8.write(e.eventId, out);
                out.writeLong(e.eventTime);
            }
        }
        if (layout >= 4) {
            out.writeInt(p.pendingChecks.size());
            for (PendingCountCheck c : p.pendingChecks) {
                Utf8.write(c.eventId, out);
                out.writeLong(c.asOf);
                out.writeByte(c.type.ordinal());
                out.writeByte(c.source == null ? -1 : c.source.ordinal());
                out.writeLong(c.counted);
                out.writeLong(c.expected);
                out.writeLong(c.coversAfter);
                out.writeBoolean(c.openingBalance);
            }
        }
        if (layout >= 5) {
            out.writeLong(p.held);
            out.writeLong(p.publishedHeld);
        }
        if (layout >= 6) {
            for (PendingCountCheck c : p.pendingChecks) {
                Utf8.write(c.batchId, out);
            }
        }
        if (layout >= 7) {
            for (InboundShipment s : p.inbound) {
                out.writeLong(s.promised);
            }
        }
    }

    @Override
    public Position deserialize(DataInputView in) throws IOException {
        Position p = new Position();
        p.onHand = in.readLong();
        p.reserved = in.readLong();
        p.lastCountTime = in.readLong();
        p.earliestAppliedDelta = in.readLong();
        p.version = in.readLong();
        p.publishedOnHand = in.readLong();
        p.publishedReserved = in.readLong();
        p.publishedInTransit = in.readLong();
        p.publishedSafetyStock = in.readLong();
        p.publishedAtp = in.readLong();
        p.inboundChanged = in.readBoolean();
        p.countedInNetwork = in.readBoolean();
        int countedType = in.readByte();
        p.countedType = countedType < 0 ? null : NODE_TYPES[countedType];
        p.countedAtp = in.readLong();

        int deltas = in.readInt();
        p.recentDeltas = new ArrayList<>(Math.max(deltas, 4));
        for (int i = 0; i < deltas; i++) {
            BufferedDelta d = new BufferedDelta();
            d.eventId = Utf8.read(in);
            d.eventTime = in.readLong();
            d.type = EVENT_TYPES[in.readByte()];
            d.delta = in.readLong();
            d.voided = in.readBoolean();
            p.recentDeltas.add(d);
        }
        int shipments = in.readInt();
        List<InboundShipment> inbound = new ArrayList<>(shipments);
        for (int i = 0; i < shipments; i++) {
            InboundShipment s = new InboundShipment();
            s.asnId = Utf8.read(in);
            s.quantity = in.readLong();
            s.eta = in.readLong();
            s.asnTime = in.readLong();
            s.received = in.readLong();
            s.lastTouched = in.readLong();
            inbound.add(s);
        }
        p.inbound = inbound;
        if (layout >= 2) {
            p.demandRate = in.readDouble();
            p.demandRateTime = in.readLong();
            p.observedSince = in.readLong();
            p.stockoutAlerted = in.readBoolean();
        }
        if (layout >= 3) {
            p.networkChanges = in.readLong();
            int remembered = in.readInt();
            List<RememberedEvent> ids = new ArrayList<>(Math.max(remembered, 4));
            for (int i = 0; i < remembered; i++) {
                RememberedEvent e = new RememberedEvent();
                e.eventId = Utf8.read(in);
                e.eventTime = in.readLong();
                ids.add(e);
            }
            p.rememberedEvents = ids;
        }
        if (layout >= 4) {
            int pending = in.readInt();
            List<PendingCountCheck> checks = new ArrayList<>(pending);
            for (int i = 0; i < pending; i++) {
                PendingCountCheck c = new PendingCountCheck();
                c.eventId = Utf8.read(in);
                c.asOf = in.readLong();
                c.type = EVENT_TYPES[in.readByte()];
                int source = in.readByte();
                c.source = source < 0 ? null : SOURCES[source];
                c.counted = in.readLong();
                c.expected = in.readLong();
                c.coversAfter = in.readLong();
                c.openingBalance = in.readBoolean();
                checks.add(c);
            }
            p.pendingChecks = checks;
        }
        if (layout >= 5) {
            p.held = in.readLong();
            p.publishedHeld = in.readLong();
        }
        if (layout >= 6) {
            for (PendingCountCheck c : p.pendingChecks) {
                c.batchId = Utf8.read(in);
            }
        }
        if (layout >= 7) {
            for (InboundShipment s : p.inbound) {
                s.promised = in.readLong();
            }
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PositionSerializer other && other.layout == layout;
    }

    @Override
    public int hashCode() {
        return 31 * getClass().hashCode() + layout;
    }

    @Override
    public TypeSerializerSnapshot<Position> snapshotConfiguration() {
        return new Snapshot(layout);
    }

    /** Restores this serializer from checkpoints and savepoints, whichever layout wrote them. */
    public static final class Snapshot extends LayoutSnapshot<Position> {
        public Snapshot() {
            this(CURRENT_LAYOUT);
        }

        Snapshot(int layout) {
            super(layout);
        }

        @Override
        TypeSerializer<Position> serializerFor(int layout) {
            return forLayout(layout);
        }
    }
}

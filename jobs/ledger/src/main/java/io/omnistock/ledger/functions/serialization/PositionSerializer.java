package io.omnistock.ledger.functions.serialization;

import io.omnistock.avro.NodeType;
import io.omnistock.ledger.domain.BufferedDelta;
import io.omnistock.ledger.domain.EventType;
import io.omnistock.ledger.domain.InboundShipment;
import io.omnistock.ledger.domain.Position;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link Position}s in RocksDB, with their buffered deltas and inbound shipments. */
public final class PositionSerializer extends HandWrittenSerializer<Position> {
    private static final long serialVersionUID = 1L;

    public static final PositionSerializer INSTANCE = new PositionSerializer();

    private static final EventType[] EVENT_TYPES = EventType.values();
    private static final NodeType[] NODE_TYPES = NodeType.values();

    private PositionSerializer() {}

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
        return p;
    }

    @Override
    public TypeSerializerSnapshot<Position> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints and savepoints. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Position> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}

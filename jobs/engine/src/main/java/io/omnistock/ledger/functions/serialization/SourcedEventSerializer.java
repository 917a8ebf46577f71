package io.omnistock.ledger.functions.serialization;

import io.omnistock.avro.ChannelControlKind;
import io.omnistock.avro.ChannelScope;
import io.omnistock.avro.ConditionGrade;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLifecycleEvent;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.avro.SafetyStockScope;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.channels.Channel;
import io.omnistock.domain.channels.ChannelControl;
import io.omnistock.domain.holds.HoldCommand;
import io.omnistock.domain.inventory.EventType;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.returns.ReturnedItem;
import io.omnistock.domain.safety.SafetyStockRule;
import io.omnistock.domain.safety.SkuCategory;
import io.omnistock.engine.functions.SourcedEvent;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;

/**
 * {@link SourcedEvent}s between tasks and in state. The inventory event, which nearly every record
 * carries, and the record's origin are written field by field; the rarer parts (node reference
 * data, orders, lifecycle events, stock requests and replies, quote requests) go through their own
 * serializers, whose snapshots this one nests so each can evolve. Version 2 of the snapshot added
 * the quote request's serializer; a version 1 snapshot (no quotes) restores with a fresh one.
 *
 * <p>Version 3 added SKU reference data and safety-stock rules, written field by field behind a
 * second parts byte. The first parts byte had no bit left; a record never carries both an inventory
 * event and node data, so those two bits together announce the second byte (and a record with it
 * carries neither). Every record version 2 wrote reads as it is.
 *
 * <p>An inventory event's WMS reason code and 3PL batch id (for the movement journal) follow it
 * behind a flag in its source byte, as a returned item does: an event without them is written as
 * before, so every record an earlier version wrote reads as it is and the snapshot keeps its
 * version.
 *
 * <p>Version 4 added hold requests (holds.requests), written field by field behind the second parts
 * byte like the reference data: a hold request carries no event or node. Every record version 3
 * wrote reads as it is (its second byte never has the hold bit).
 *
 * <p>Version 5 added channel definitions (reference.channels), written field by field behind the
 * second parts byte like the reference data. Every record version 4 wrote reads as it is (its
 * second byte never has the channel bit).
 */
public final class SourcedEventSerializer extends HandWrittenSerializer<SourcedEvent> {
    private static final long serialVersionUID = 1L;

    private static final EventType[] EVENT_TYPES = EventType.values();
    private static final SourceSystem[] SOURCES = SourceSystem.values();
    private static final DeadLetterReason[] REASONS = DeadLetterReason.values();
    private static final ConditionGrade[] GRADES = ConditionGrade.values();

    // which optional parts follow, one bit each
    private static final int EVENT = 1;
    private static final int NODE = 1 << 1;
    private static final int ORDER = 1 << 2;
    private static final int LIFECYCLE = 1 << 3;
    private static final int REQUEST = 1 << 4;
    private static final int REPLY = 1 << 5;
    private static final int BYTES = 1 << 6;
    private static final int QUOTE = 1 << 7;

    /** Never set together before version 3: a second parts byte follows. */
    private static final int MORE_PARTS = EVENT | NODE;

    // which parts the second byte announces
    private static final int SKU_CATEGORY = 1;
    private static final int SAFETY_RULE = 1 << 1;
    private static final int HOLD = 1 << 2;
    private static final int CHANNEL = 1 << 3;

    private static final ChannelControlKind[] CONTROL_KINDS = ChannelControlKind.values();
    private static final ChannelScope[] CHANNEL_SCOPES = ChannelScope.values();

    private static final HoldCommand.Action[] HOLD_ACTIONS = HoldCommand.Action.values();

    private static final SafetyStockScope[] SCOPES = SafetyStockScope.values();
    private static final NodeType[] NODE_TYPES = NodeType.values();

    /**
     * Set in an inventory event's source byte when a returned item follows: records without one
     * keep the bytes version 1 wrote, so savepoints from before returns read as they are.
     */
    private static final int RETURNED_FOLLOWS = 1 << 6;

    /**
     * Set in an inventory event's source byte when its WMS reason code and 3PL batch id follow
     * (after a returned item): records without them keep the bytes earlier versions wrote.
     */
    private static final int DETAILS_FOLLOW = 1 << 5;

    private static final int SOURCE_FLAGS = RETURNED_FOLLOWS | DETAILS_FOLLOW;

    private final TypeSerializer<NodeInfo> nodes;
    private final TypeSerializer<OrderRequest> orders;
    private final TypeSerializer<OrderLifecycleEvent> lifecycles;
    private final TypeSerializer<StockRequest> requests;
    private final TypeSerializer<StockReply> replies;
    private final TypeSerializer<QuoteRequest> quotes;

    SourcedEventSerializer(
            TypeSerializer<NodeInfo> nodes,
            TypeSerializer<OrderRequest> orders,
            TypeSerializer<OrderLifecycleEvent> lifecycles,
            TypeSerializer<StockRequest> requests,
            TypeSerializer<StockReply> replies,
            TypeSerializer<QuoteRequest> quotes) {
        this.nodes = nodes;
        this.orders = orders;
        this.lifecycles = lifecycles;
        this.requests = requests;
        this.replies = replies;
        this.quotes = quotes;
    }

    /** Nested serializers in snapshot order; a version 1 snapshot has no quote serializer. */
    @SuppressWarnings("unchecked")
    private static SourcedEventSerializer of(TypeSerializer<?>[] nested) {
        return new SourcedEventSerializer(
                (TypeSerializer<NodeInfo>) nested[0],
                (TypeSerializer<OrderRequest>) nested[1],
                (TypeSerializer<OrderLifecycleEvent>) nested[2],
                (TypeSerializer<StockRequest>) nested[3],
                (TypeSerializer<StockReply>) nested[4],
                nested.length > V1_NESTED
                        ? (TypeSerializer<QuoteRequest>) nested[V1_NESTED]
                        : new AvroSerializer<>(QuoteRequest.class));
    }

    /** How many serializers a version 1 snapshot nests (before quotes). */
    private static final int V1_NESTED = 5;

    private TypeSerializer<?>[] nested() {
        return new TypeSerializer<?>[] {nodes, orders, lifecycles, requests, replies, quotes};
    }

    @Override
    public TypeSerializer<SourcedEvent> duplicate() {
        TypeSerializer<?>[] nested = nested();
        TypeSerializer<?>[] duplicates = new TypeSerializer<?>[nested.length];
        boolean stateful = false;
        for (int i = 0; i < nested.length; i++) {
            duplicates[i] = nested[i].duplicate();
            stateful |= duplicates[i] != nested[i];
        }
        return stateful ? of(duplicates) : this;
    }

    @Override
    public SourcedEvent createInstance() {
        return new SourcedEvent();
    }

    @Override
    public void serialize(SourcedEvent s, DataOutputView out) throws IOException {
        int more =
                (s.skuCategory != null ? SKU_CATEGORY : 0)
                        | (s.rule != null ? SAFETY_RULE : 0)
                        | (s.hold != null ? HOLD : 0)
                        | (s.channel != null ? CHANNEL : 0);
        if (more != 0 && (s.event != null || s.node != null)) {
            throw new IllegalArgumentException(
                    "a record with reference data, a rule, a hold or a channel carries no event or"
                            + " node");
        }
        int parts =
                (more != 0 ? MORE_PARTS : 0)
                        | (s.event != null ? EVENT : 0)
                        | (s.node != null ? NODE : 0)
                        | (s.order != null ? ORDER : 0)
                        | (s.lifecycle != null ? LIFECYCLE : 0)
                        | (s.request != null ? REQUEST : 0)
                        | (s.reply != null ? REPLY : 0)
                        | (s.bytes != null ? BYTES : 0)
                        | (s.quote != null ? QUOTE : 0);
        out.writeByte(parts);
        if (more != 0) {
            out.writeByte(more);
            if (s.skuCategory != null) {
                writeSkuCategory(s.skuCategory, out);
            }
            if (s.rule != null) {
                writeRule(s.rule, out);
            }
            if (s.hold != null) {
                writeHold(s.hold, out);
            }
            if (s.channel != null) {
                writeChannel(s.channel, out);
            }
        }
        if (s.event != null) {
            writeEvent(s.event, out);
        }
        if (s.node != null) {
            nodes.serialize(s.node, out);
        }
        if (s.order != null) {
            orders.serialize(s.order, out);
        }
        if (s.lifecycle != null) {
            lifecycles.serialize(s.lifecycle, out);
        }
        if (s.request != null) {
            requests.serialize(s.request, out);
        }
        if (s.reply != null) {
            replies.serialize(s.reply, out);
        }
        if (s.quote != null) {
            quotes.serialize(s.quote, out);
        }
        writeEnum(s.rejection, out);
        Utf8.write(s.rejectionMessage, out);
        Utf8.write(s.topic, out);
        out.writeInt(s.partition);
        out.writeLong(s.offset);
        out.writeLong(s.recordTimestamp);
        Utf8.write(s.key, out);
        if (s.bytes != null) {
            out.writeInt(s.bytes.length);
            out.write(s.bytes);
        }
    }

    @Override
    public SourcedEvent deserialize(DataInputView in) throws IOException {
        SourcedEvent s = new SourcedEvent();
        int parts = in.readUnsignedByte();
        if ((parts & MORE_PARTS) == MORE_PARTS) {
            int more = in.readUnsignedByte();
            if ((more & SKU_CATEGORY) != 0) {
                s.skuCategory = readSkuCategory(in);
            }
            if ((more & SAFETY_RULE) != 0) {
                s.rule = readRule(in);
            }
            if ((more & HOLD) != 0) {
                s.hold = readHold(in);
            }
            if ((more & CHANNEL) != 0) {
                s.channel = readChannel(in);
            }
        } else {
            if ((parts & EVENT) != 0) {
                s.event = readEvent(in);
            }
            if ((parts & NODE) != 0) {
                s.node = nodes.deserialize(in);
            }
        }
        if ((parts & ORDER) != 0) {
            s.order = orders.deserialize(in);
        }
        if ((parts & LIFECYCLE) != 0) {
            s.lifecycle = lifecycles.deserialize(in);
        }
        if ((parts & REQUEST) != 0) {
            s.request = requests.deserialize(in);
        }
        if ((parts & REPLY) != 0) {
            s.reply = replies.deserialize(in);
        }
        if ((parts & QUOTE) != 0) {
            s.quote = quotes.deserialize(in);
        }
        int reason = in.readByte();
        s.rejection = reason < 0 ? null : REASONS[reason];
        s.rejectionMessage = Utf8.read(in);
        s.topic = Utf8.read(in);
        s.partition = in.readInt();
        s.offset = in.readLong();
        s.recordTimestamp = in.readLong();
        s.key = Utf8.read(in);
        if ((parts & BYTES) != 0) {
            s.bytes = new byte[in.readInt()];
            in.readFully(s.bytes);
        }
        return s;
    }

    private static void writeEvent(InventoryEvent e, DataOutputView out) throws IOException {
        Utf8.write(e.eventId, out);
        out.writeLong(e.eventTime);
        Utf8.write(e.sku, out);
        Utf8.write(e.nodeId, out);
        writeEnum(e.type, out);
        out.writeLong(e.quantity);
        Utf8.write(e.reference, out);
        Utf8.write(e.counterpartNodeId, out);
        out.writeLong(e.eta);
        boolean details = e.reasonCode != null || e.batchId != null;
        if (e.returned == null && !details) {
            writeEnum(e.source, out); // as version 1 wrote it
            return;
        }
        out.writeByte(
                e.source.ordinal()
                        | (e.returned != null ? RETURNED_FOLLOWS : 0)
                        | (details ? DETAILS_FOLLOW : 0));
        if (e.returned != null) {
            writeReturned(e.returned, out);
        }
        if (details) {
            Utf8.write(e.reasonCode, out);
            Utf8.write(e.batchId, out);
        }
    }

    private static void writeSkuCategory(SkuCategory c, DataOutputView out) throws IOException {
        Utf8.write(c.sku, out);
        Utf8.write(c.category, out);
        out.writeLong(c.updatedAt);
    }

    private static SkuCategory readSkuCategory(DataInputView in) throws IOException {
        SkuCategory c = new SkuCategory();
        c.sku = Utf8.read(in);
        c.category = Utf8.read(in);
        c.updatedAt = in.readLong();
        return c;
    }

    private static void writeRule(SafetyStockRule r, DataOutputView out) throws IOException {
        writeEnum(r.scope, out);
        Utf8.write(r.sku, out);
        Utf8.write(r.nodeId, out);
        Utf8.write(r.category, out);
        writeEnum(r.nodeType, out);
        out.writeLong(r.units);
        out.writeLong(r.updatedAt);
        out.writeBoolean(r.active);
    }

    private static SafetyStockRule readRule(DataInputView in) throws IOException {
        SafetyStockRule r = new SafetyStockRule();
        int scope = in.readByte();
        r.scope = scope < 0 ? null : SCOPES[scope];
        r.sku = Utf8.read(in);
        r.nodeId = Utf8.read(in);
        r.category = Utf8.read(in);
        int type = in.readByte();
        r.nodeType = type < 0 ? null : NODE_TYPES[type];
        r.units = in.readLong();
        r.updatedAt = in.readLong();
        r.active = in.readBoolean();
        return r;
    }

    private static void writeHold(HoldCommand h, DataOutputView out) throws IOException {
        Utf8.write(h.eventId, out);
        out.writeLong(h.eventTime);
        Utf8.write(h.holdId, out);
        Utf8.write(h.sku, out);
        writeEnum(h.action, out);
        Utf8.write(h.nodeId, out);
        out.writeLong(h.quantity);
        out.writeLong(h.ttlMillis);
        Utf8.write(h.channel, out);
    }

    private static HoldCommand readHold(DataInputView in) throws IOException {
        HoldCommand h = new HoldCommand();
        h.eventId = Utf8.read(in);
        h.eventTime = in.readLong();
        h.holdId = Utf8.read(in);
        h.sku = Utf8.read(in);
        int action = in.readByte();
        h.action = action < 0 ? null : HOLD_ACTIONS[action];
        h.nodeId = Utf8.read(in);
        h.quantity = in.readLong();
        h.ttlMillis = in.readLong();
        h.channel = Utf8.read(in);
        return h;
    }

    private static void writeChannel(Channel c, DataOutputView out) throws IOException {
        Utf8.write(c.id, out);
        out.writeLong(c.updatedAt);
        out.writeBoolean(c.removed);
        out.writeInt(c.controls.size());
        for (ChannelControl k : c.controls) {
            writeEnum(k.kind, out);
            writeEnum(k.scope, out);
            Utf8.write(k.sku, out);
            Utf8.write(k.nodeId, out);
            Utf8.write(k.category, out);
            writeEnum(k.nodeType, out);
            out.writeLong(k.units);
            out.writeInt(k.percent);
            out.writeLong(k.effectiveFrom);
            out.writeLong(k.effectiveUntil);
        }
    }

    private static Channel readChannel(DataInputView in) throws IOException {
        Channel c = new Channel();
        c.id = Utf8.read(in);
        c.updatedAt = in.readLong();
        c.removed = in.readBoolean();
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            ChannelControl k = new ChannelControl();
            int kind = in.readByte();
            k.kind = kind < 0 ? null : CONTROL_KINDS[kind];
            int scope = in.readByte();
            k.scope = scope < 0 ? null : CHANNEL_SCOPES[scope];
            k.sku = Utf8.read(in);
            k.nodeId = Utf8.read(in);
            k.category = Utf8.read(in);
            int type = in.readByte();
            k.nodeType = type < 0 ? null : NODE_TYPES[type];
            k.units = in.readLong();
            k.percent = in.readInt();
            k.effectiveFrom = in.readLong();
            k.effectiveUntil = in.readLong();
            c.controls.add(k);
        }
        return c;
    }

    private static void writeReturned(ReturnedItem r, DataOutputView out) throws IOException {
        writeEnum(r.grade, out);
        Utf8.write(r.category, out);
        out.writeDouble(r.unitValue);
        Utf8.write(r.reason, out);
        Utf8.write(r.orderId, out);
        out.writeDouble(r.fromLatitude);
        out.writeDouble(r.fromLongitude);
    }

    private static ReturnedItem readReturned(DataInputView in) throws IOException {
        ReturnedItem r = new ReturnedItem();
        int grade = in.readByte();
        r.grade = grade < 0 ? null : GRADES[grade];
        r.category = Utf8.read(in);
        r.unitValue = in.readDouble();
        r.reason = Utf8.read(in);
        r.orderId = Utf8.read(in);
        r.fromLatitude = in.readDouble();
        r.fromLongitude = in.readDouble();
        return r;
    }

    private static InventoryEvent readEvent(DataInputView in) throws IOException {
        InventoryEvent e = new InventoryEvent();
        e.eventId = Utf8.read(in);
        e.eventTime = in.readLong();
        e.sku = Utf8.read(in);
        e.nodeId = Utf8.read(in);
        int type = in.readByte();
        e.type = type < 0 ? null : EVENT_TYPES[type];
        e.quantity = in.readLong();
        e.reference = Utf8.read(in);
        e.counterpartNodeId = Utf8.read(in);
        e.eta = in.readLong();
        int source = in.readByte();
        if (source < 0) {
            return e;
        }
        e.source = SOURCES[source & ~SOURCE_FLAGS];
        if ((source & RETURNED_FOLLOWS) != 0) {
            e.returned = readReturned(in);
        }
        if ((source & DETAILS_FOLLOW) != 0) {
            e.reasonCode = Utf8.read(in);
            e.batchId = Utf8.read(in);
        }
        return e;
    }

    private static void writeEnum(Enum<?> value, DataOutputView out) throws IOException {
        out.writeByte(value == null ? -1 : value.ordinal());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourcedEventSerializer other && Arrays.equals(nested(), other.nested());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nested());
    }

    @Override
    public TypeSerializerSnapshot<SourcedEvent> snapshotConfiguration() {
        return new Snapshot(this);
    }

    /** Restores this serializer, and the nested ones, from checkpoints and savepoints. */
    public static final class Snapshot
            extends CompositeTypeSerializerSnapshot<SourcedEvent, SourcedEventSerializer> {
        /**
         * 3: SKU reference data and safety-stock rules (version 2 records read as they are); 4:
         * hold requests (version 3 records read as they are); 5: channel definitions (version 4
         * records read as they are).
         */
        private static final int VERSION = 5;

        public Snapshot() {}

        Snapshot(SourcedEventSerializer serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return VERSION;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(SourcedEventSerializer outer) {
            return outer.nested();
        }

        /**
         * A version 1 snapshot nests no quote serializer: its records hold no quote and read as
         * they are, when the five serializers it has are compatible with the current ones.
         */
        @Override
        public TypeSerializerSchemaCompatibility<SourcedEvent> resolveSchemaCompatibility(
                TypeSerializerSnapshot<SourcedEvent> oldSnapshot) {
            TypeSerializerSnapshot<?>[] old =
                    oldSnapshot instanceof Snapshot s ? s.getNestedSerializerSnapshots() : null;
            if (old == null || old.length != V1_NESTED) {
                return super.resolveSchemaCompatibility(oldSnapshot);
            }
            TypeSerializerSnapshot<?>[] current = getNestedSerializerSnapshots();
            boolean migrate = false;
            for (int i = 0; i < V1_NESTED; i++) {
                TypeSerializerSchemaCompatibility<?> part = resolve(current[i], old[i]);
                if (part.isIncompatible()) {
                    return TypeSerializerSchemaCompatibility.incompatible();
                }
                migrate |= !part.isCompatibleAsIs();
            }
            return migrate
                    ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : TypeSerializerSchemaCompatibility.compatibleAsIs();
        }

        @SuppressWarnings("unchecked")
        private static <T> TypeSerializerSchemaCompatibility<T> resolve(
                TypeSerializerSnapshot<?> current, TypeSerializerSnapshot<?> old) {
            return ((TypeSerializerSnapshot<T>) current)
                    .resolveSchemaCompatibility((TypeSerializerSnapshot<T>) old);
        }

        @Override
        protected SourcedEventSerializer createOuterSerializerWithNestedSerializers(
                TypeSerializer<?>[] nested) {
            return of(nested);
        }
    }
}

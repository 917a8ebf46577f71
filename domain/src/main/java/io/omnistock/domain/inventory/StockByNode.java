package io.omnistock.domain.inventory;

import io.omnistock.ledger.domain.InboundUnits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a probe, a quote or the single-SKU planner needs of one SKU's positions, node by node:
 * on-hand less reserved (ATP then only needs the node's safety stock and status), and the units
 * ASNs still bring that no order was promised, with their ETAs. Derived from the positions and kept
 * in step with every stored change, so answering needs no state read; see {@link
 * SkuLedger.State#stock}. Plain Java.
 */
public final class StockByNode {
    private static final long ABSENT = Long.MIN_VALUE;
    private static final InboundUnits[] NONE = new InboundUnits[0];

    private final NodeSlots slots;
    private long[] free = new long[0];
    private InboundUnits[][] due;
    private int positions;

    public StockByNode(NodeSlots slots) {
        this.slots = slots;
    }

    /** The stock of the positions given, by node id. */
    public static StockByNode of(Iterable<Map.Entry<String, Position>> positions) {
        StockByNode stock = new StockByNode(new NodeSlots());
        for (Map.Entry<String, Position> e : positions) {
            stock.update(e.getKey(), e.getValue());
        }
        return stock;
    }

    /** Takes in the position at {@code nodeId} as it now stands. */
    public void update(String nodeId, Position p) {
        int slot = slots.slot(nodeId);
        if (slot >= free.length) {
            int grown = Math.max(slots.size(), slot + 1);
            int old = free.length;
            free = Arrays.copyOf(free, grown);
            Arrays.fill(free, old, grown, ABSENT);
            if (due != null) {
                due = Arrays.copyOf(due, grown);
            }
        }
        if (free[slot] == ABSENT) {
            positions++;
        }
        free[slot] = p.free();
        InboundUnits[] inbound = inbound(nodeId, p);
        if (inbound.length > 0 && due == null) {
            due = new InboundUnits[free.length][];
        }
        if (due != null) {
            due[slot] = inbound.length == 0 ? null : inbound;
        }
    }

    /** Whether the SKU has a position at any node. */
    public boolean isEmpty() {
        return positions == 0;
    }

    /** Calls {@code visitor} for every node with a position, in slot order. */
    public void forEach(Visitor visitor) {
        for (int slot = 0; slot < free.length; slot++) {
            if (free[slot] != ABSENT) {
                InboundUnits[] inbound = due == null || due[slot] == null ? NONE : due[slot];
                visitor.node(slots.nodeId(slot), free[slot], inbound);
            }
        }
    }

    /** One node's stock: on-hand less reserved, and ASN units still due with an ETA. */
    public interface Visitor {
        void node(String nodeId, long onHandLessReserved, InboundUnits[] due);
    }

    private static InboundUnits[] inbound(String nodeId, Position p) {
        if (p.inbound.isEmpty()) {
            return NONE;
        }
        List<InboundUnits> units = new ArrayList<>(p.inbound.size());
        for (InboundShipment s : p.inbound) {
            if (s.unpromised() > 0 && s.eta != InventoryEvent.NO_TIME) {
                units.add(new InboundUnits(nodeId, s.unpromised(), s.eta));
            }
        }
        return units.toArray(NONE);
    }
}

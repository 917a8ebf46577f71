package io.omnistock.ledger.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What one order holds of one SKU: units per node, and where else they may go if a node falls
 * short. Kept by the SKU's ledger, the only authority over reservations. A Flink POJO.
 */
public class Reservation {
    public String orderId;

    /**
     * Event time of the reservation request, i.e. of the order: the newest orders' reservations
     * move first on a shortage.
     */
    public long reservedAt;

    public List<NodeUnits> held = new ArrayList<>();

    /** Other nodes that may take these units, best first. */
    public List<String> alternatives = new ArrayList<>();

    /**
     * Inbound units promised to the order (an order allowing future supply), one entry per ASN with
     * its node and ETA: not on hand yet, so not in {@link #held}.
     */
    public List<InboundUnits> promised = new ArrayList<>();

    /** The order's promise date, which a promised ASN's ETA must meet; 0 without promises. */
    public long promiseBy;

    /** Nodes the order may be fulfilled from, for promises moved off a revised or late ASN. */
    public List<String> promiseNodes = new ArrayList<>();

    public Reservation() {}

    public Reservation(String orderId, long reservedAt, List<String> alternatives) {
        this.orderId = orderId;
        this.reservedAt = reservedAt;
        this.alternatives = new ArrayList<>(alternatives);
    }

    /** Units held at a node (0 when none). */
    public long unitsAt(String nodeId) {
        for (NodeUnits u : held) {
            if (u.nodeId.equals(nodeId)) {
                return u.units;
            }
        }
        return 0;
    }

    public void add(String nodeId, long units) {
        for (NodeUnits u : held) {
            if (u.nodeId.equals(nodeId)) {
                u.units += units;
                return;
            }
        }
        held.add(new NodeUnits(nodeId, units));
    }

    public void removeNode(String nodeId) {
        held.removeIf(u -> u.nodeId.equals(nodeId));
    }

    public boolean isEmpty() {
        return held.isEmpty() && (promised == null || promised.isEmpty());
    }

    /** Units promised against inbound ASNs, all of them. */
    public long promisedUnits() {
        long total = 0;
        for (InboundUnits u : promised) {
            total += u.units;
        }
        return total;
    }
}

package io.omnistock.bench.ledger;

import io.omnistock.ledger.domain.NetworkTotals;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.Position;
import io.omnistock.ledger.domain.Reservation;
import io.omnistock.ledger.domain.SkuLedger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** One SKU's ledger state on plain maps: what the job keeps in RocksDB, on the heap. */
public final class HeapSkuState implements SkuLedger.State {
    private final Map<String, Position> positions = new HashMap<>();
    private final Map<String, Long> seen = new HashMap<>();
    private final Map<String, Reservation> reservations = new LinkedHashMap<>();
    private final Map<String, NodeInfo> nodes;
    private NetworkTotals totals;

    /**
     * @param nodes the node reference data, shared by every SKU's state
     */
    public HeapSkuState(Map<String, NodeInfo> nodes) {
        this.nodes = nodes;
    }

    /** Forgets every applied event id, e.g. once they are past the horizon. */
    public void forgetSeen() {
        seen.clear();
    }

    @Override
    public Position position(String nodeId) {
        return positions.get(nodeId);
    }

    @Override
    public void putPosition(String nodeId, Position position) {
        positions.put(nodeId, position);
    }

    @Override
    public NetworkTotals totals() {
        return totals == null ? new NetworkTotals() : totals;
    }

    @Override
    public void putTotals(NetworkTotals value) {
        totals = value;
    }

    @Override
    public boolean seen(String eventId) {
        return seen.containsKey(eventId);
    }

    @Override
    public void remember(String eventId, long eventTime) {
        seen.put(eventId, eventTime);
    }

    @Override
    public NodeInfo node(String nodeId) {
        return nodes.get(nodeId);
    }

    @Override
    public Iterable<Map.Entry<String, Position>> positions() {
        return positions.entrySet();
    }

    @Override
    public Reservation reservation(String orderId) {
        return reservations.get(orderId);
    }

    @Override
    public void putReservation(Reservation reservation) {
        reservations.put(reservation.orderId, reservation);
    }

    @Override
    public void removeReservation(String orderId) {
        reservations.remove(orderId);
    }

    @Override
    public Iterable<Reservation> reservations() {
        return reservations.values();
    }
}

package io.omnistock.bench.routing;

import io.omnistock.ledger.domain.NetworkTotals;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.Position;
import io.omnistock.ledger.domain.Reservation;
import io.omnistock.ledger.domain.SkuLedger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One SKU's keyed state on plain maps, sharing one node map with the other SKUs: what the job keeps
 * in RocksDB, in memory (a copy of the ledger tests' {@code InMemorySkuState}, which is not on the
 * bench classpath).
 */
final class SkuStateInMemory implements SkuLedger.State {
    private final Map<String, Position> positions = new HashMap<>();
    private final Map<String, Long> seen = new HashMap<>();
    private final Map<String, NodeInfo> nodes;
    private final Map<String, Reservation> reservations = new LinkedHashMap<>();
    private NetworkTotals totals;

    SkuStateInMemory(Map<String, NodeInfo> nodes) {
        this.nodes = nodes;
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
    public void putTotals(NetworkTotals totals) {
        this.totals = totals;
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

package io.omnistock.ledger.domain;

import java.util.HashMap;
import java.util.Map;

/** One SKU's keyed state on plain maps: the test stand-in for the RocksDB state. */
public final class InMemorySkuState implements SkuLedger.State {
    /** Positions by node id. */
    public final Map<String, Position> positions = new HashMap<>();

    /** Applied event ids with their event times. */
    public final Map<String, Long> seen = new HashMap<>();

    private NetworkTotals totals;

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
}

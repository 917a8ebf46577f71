package io.omnistock.domain.inventory;

import io.omnistock.domain.safety.SafetyStock;
import io.omnistock.domain.safety.SafetyStockRule;
import io.omnistock.domain.safety.SkuReference;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.Reservation;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** One SKU's keyed state on plain maps: the test stand-in for the RocksDB state. */
public final class InMemorySkuState implements SkuLedger.State {
    /** Positions by node id. */
    public final Map<String, Position> positions = new HashMap<>();

    /** Applied event ids with their event times. */
    public final Map<String, Long> seen = new HashMap<>();

    /** Reference data by node id: shared with other SKUs' states when given. */
    public final Map<String, NodeInfo> nodes;

    /** Open reservations by order id. */
    public final Map<String, Reservation> reservations = new LinkedHashMap<>();

    /** The SKU these positions are of, which its safety-stock rules name. */
    public String sku = "SKU-1";

    /** The SKU's category and own safety-stock rules, or null: none. */
    public SkuReference reference;

    /** The safety-stock rules naming no SKU, by scope id. */
    public final Map<String, SafetyStockRule> sharedRules = new HashMap<>();

    private final NetworkTotals totals = new NetworkTotals();

    private final GroupTotals groups = new GroupTotals();

    public InMemorySkuState() {
        this(new HashMap<>());
    }

    public InMemorySkuState(Map<String, NodeInfo> nodes) {
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
    public StockByNode stock() {
        return StockByNode.of(positions.entrySet());
    }

    @Override
    public NetworkTotals totals() {
        return totals;
    }

    @Override
    public GroupTotals groups() {
        return groups;
    }

    /**
     * The group totals as a store would rebuild them from the positions and the node reference data
     * now (the RocksDB state keeps none).
     */
    public GroupTotals rebuiltGroups() {
        GroupTotals rebuilt = new GroupTotals();
        positions.forEach((nodeId, p) -> rebuilt.addShareOf(nodeId, p, nodes.get(nodeId)));
        return rebuilt;
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

    /**
     * The sales channel bounding the request in hand (null: none), at event time {@link
     * #channelAt}.
     */
    public io.omnistock.domain.channels.Channel channel;

    public long channelAt;

    @Override
    public long sellable(NodeInfo node, long atp) {
        String category = reference == null ? null : reference.category;
        return channel == null ? atp : channel.ats(sku, category, node, atp, channelAt);
    }

    @Override
    public long safetyStock(NodeInfo node) {
        return SafetyStock.of(sku, node, reference, sharedRules::get);
    }

    /** The SKU's positions by node. */
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

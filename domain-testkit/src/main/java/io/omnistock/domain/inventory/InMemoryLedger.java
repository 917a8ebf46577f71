package io.omnistock.domain.inventory;

import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.domain.holds.HoldCommand;
import io.omnistock.domain.holds.HoldOutcome;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import java.util.List;
import java.util.Map;

/**
 * One SKU's ledger on plain maps ({@link InMemorySkuState}), recording everything it outputs
 * ({@link RecordingLedgerOutput}).
 */
final class InMemoryLedger extends RecordingLedgerOutput {
    /** Far enough after the test day that no test event is in the future. */
    static final long NOW = LedgerEvents.DAY.toEpochMilli() + 365L * 24 * 3600 * 1000;

    final InMemorySkuState state = new InMemorySkuState();
    final Map<String, NodeInfo> nodes = state.nodes;
    final Map<String, Position> positions = state.positions;
    final Map<String, Long> seen = state.seen;
    final InMemoryHolds holdStore = new InMemoryHolds();

    final SkuLedger ledger;
    long watermark = Long.MIN_VALUE;

    InMemoryLedger() {
        this(LedgerSettings.defaults());
    }

    InMemoryLedger(LedgerSettings settings) {
        ledger = new SkuLedger(settings);
        node(LedgerEvents.STORE, NodeType.STORE, NodeStatus.OPEN, 0);
        node(LedgerEvents.DC, NodeType.DC, NodeStatus.OPEN, 0);
        node(LedgerEvents.THREE_PL, NodeType.THREE_PL, NodeStatus.OPEN, 0);
    }

    InMemoryLedger node(String id, NodeType type, NodeStatus status, long safetyStock) {
        nodes.put(id, new NodeInfo(id, type, status, safetyStock));
        return this;
    }

    SkuLedger.Outcome apply(InventoryEvent e) {
        return ledger.apply(e, nodes.get(e.nodeId), NOW, watermark, state, this);
    }

    /**
     * The watermark reaches {@code newWatermark}: the count checks due by then settle, as the
     * engine's event-time timer settles them. Later events see this watermark.
     */
    void advanceWatermark(long newWatermark) {
        watermark = newWatermark;
        positions.forEach(
                (nodeId, p) ->
                        ledger.settleChecks(
                                LedgerEvents.SKU, nodeId, p, nodes.get(nodeId), watermark, this));
    }

    /** End of input: every pending count check settles. */
    void settleAll() {
        advanceWatermark(Long.MAX_VALUE);
    }

    SkuLedger.Outcome handle(StockRequest request) {
        return ledger.handle(request, state, this);
    }

    /** Applies a hold request with the wall clock at {@code nowMillis}. */
    SkuLedger.Outcome hold(HoldCommand command, long nowMillis) {
        return ledger.hold(command, nowMillis, state, holdStore, this);
    }

    /**
     * The wall clock reaches {@code nowMillis}: the holds expired by then give their units back.
     */
    int expireHolds(long nowMillis) {
        return ledger.expireHolds(LedgerEvents.SKU, nowMillis, state, holdStore, this);
    }

    long held(String node) {
        return positions.get(node).held;
    }

    /** The last hold outcome; fails when there is none. */
    HoldOutcome lastHoldOutcome() {
        return holdOutcomes.get(holdOutcomes.size() - 1);
    }

    StockReply lastReply() {
        return replies.get(replies.size() - 1);
    }

    void changeNode(String id, NodeType type, NodeStatus status, long safetyStock) {
        node(id, type, status, safetyStock);
        ledger.nodeChanged(LedgerEvents.SKU, nodes.get(id), 0, "node-change", state, this);
    }

    long onHand(String node) {
        return positions.get(node).onHand;
    }

    long reserved(String node) {
        return positions.get(node).reserved;
    }

    /** ATP at a node now, from the position (whether or not it was published). */
    long atp(String node) {
        return positions.get(node).atp(state.safetyStock(nodes.get(node)));
    }

    /** The last reply of a kind; fails when there is none. */
    StockReply lastReply(StockReply.Kind kind) {
        return replies.stream().filter(r -> r.kind == kind).reduce((a, b) -> b).orElseThrow();
    }

    /** Replies of a kind, in the order they were sent. */
    List<StockReply> replies(StockReply.Kind kind) {
        return replies.stream().filter(r -> r.kind == kind).toList();
    }

    /** Network ATP recomputed from scratch: ATP summed over the OPEN nodes' positions. */
    long recomputedNetworkAtp() {
        long sum = 0;
        for (Map.Entry<String, Position> e : positions.entrySet()) {
            NodeInfo node = nodes.get(e.getKey());
            if (node != null && node.isOpen()) {
                sum += e.getValue().atp(state.safetyStock(node));
            }
        }
        return sum;
    }

    Published lastPublished(String node) {
        return availability.stream()
                .filter(p -> p.nodeId().equals(node))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    Network lastNetwork() {
        return network.get(network.size() - 1);
    }
}

package io.omnistock.engine.functions;

import io.omnistock.domain.channels.Channel;
import io.omnistock.domain.channels.Channels;
import io.omnistock.domain.inventory.GroupTotals;
import io.omnistock.domain.inventory.NetworkTotals;
import io.omnistock.domain.inventory.NodeSlots;
import io.omnistock.domain.inventory.Position;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.domain.inventory.StockByNode;
import io.omnistock.domain.safety.SafetyStock;
import io.omnistock.domain.safety.SafetyStockRule;
import io.omnistock.domain.safety.SkuReference;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.Reservation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;

/**
 * One SKU's keyed state, as the ledger rules see it, and the only code that touches it: it counts
 * every state-backend read and write ({@link LedgerMetrics#STATE_READS}, {@link
 * LedgerMetrics#STATE_WRITES}).
 *
 * <p>The layout makes a typical event one read and one write: its position, which holds the ids of
 * the events applied there (dedupe) and its share of the SKU's network totals. The SKU summary is
 * read from a heap cache, with the network totals and the per-node stock that probes read ({@link
 * StockByNode}) rebuilt from the positions on a miss, and is written only when its timer, held
 * events or upgrade flag change. Each call on a key {@link #load}s the summary once and {@link
 * #store}s it once if it changed.
 */
final class SkuKeyedState implements SkuLedger.State {
    private final MapState<String, Position> positions;
    private final ValueState<SkuSummary> summaryState;
    private final MapState<String, Long> seenRequests;
    private final MapState<String, Reservation> reservations;
    private final ListState<SourcedEvent> pending;
    private final ValueState<SkuReference> reference;
    private final SkuSummaryCache cache;
    private final NodeSlots slots = new NodeSlots();
    private final LedgerMetrics.Count reads;
    private final LedgerMetrics.Count writes;

    /** The node reference data of the call in progress. */
    ReadOnlyBroadcastState<String, NodeInfo> nodes;

    /**
     * During a node change's pass over the SKUs, the node's record before the change: a summary
     * loaded then rebuilds its group totals with the groups the positions there were counted in.
     */
    NodeInfo replacedNode;

    /** The safety-stock rules naming no SKU, of the call in progress. */
    ReadOnlyBroadcastState<String, SafetyStockRule> rules;

    private final SafetyStock.SharedRules sharedRules = this::sharedRule;

    /** The sales channels (reference.channels), of the call in progress. */
    ReadOnlyBroadcastState<String, Channel> channels;

    /** The channels as the domain reads them. */
    final Channels channelLookup = this::channel;

    /** The channel bounding the order, quote or hold in hand ({@link #limitTo}), or null. */
    private Channel limit;

    private long limitAt;

    /** The current key, between {@link #load} and {@link #store}. */
    private String sku;

    /** The current key's summary, between {@link #load} and {@link #store}. */
    SkuSummary summary;

    private boolean summaryChanged;

    SkuKeyedState(
            MapState<String, Position> positions,
            ValueState<SkuSummary> summaryState,
            MapState<String, Long> seenRequests,
            MapState<String, Reservation> reservations,
            ListState<SourcedEvent> pending,
            ValueState<SkuReference> reference,
            SkuSummaryCache cache,
            LedgerMetrics.Count reads,
            LedgerMetrics.Count writes) {
        this.positions = positions;
        this.summaryState = summaryState;
        this.seenRequests = seenRequests;
        this.reservations = reservations;
        this.pending = pending;
        this.reference = reference;
        this.cache = cache;
        this.reads = reads;
        this.writes = writes;
    }

    /**
     * Loads the summary of {@code sku}, the current key: from the cache, or from the state backend
     * with the network totals summed over the SKU's positions and the SKU's reference data read.
     */
    SkuSummary load(String sku) throws Exception {
        this.sku = sku;
        summary = cache.get(sku);
        if (summary == null) {
            reads.inc();
            SkuSummary stored = summaryState.value();
            summary = stored == null ? new SkuSummary() : stored;
            summary.totals = new NetworkTotals();
            summary.stock = new StockByNode(slots);
            summary.checks = new PendingCheckNodes();
            summary.groups = new GroupTotals();
            for (Map.Entry<String, Position> entry : counted(positions.entries())) {
                summary.totals.addShareOf(entry.getValue());
                track(entry.getKey(), entry.getValue());
                summary.groups.addShareOf(
                        entry.getKey(), entry.getValue(), countedNode(entry.getKey()));
            }
            reads.inc();
            summary.reference = reference.value();
            cache.put(sku, summary);
        }
        summaryChanged = false;
        return summary;
    }

    void changed() {
        summaryChanged = true;
    }

    void store() throws Exception {
        if (summaryChanged) {
            writes.inc();
            summaryState.update(summary);
        }
    }

    /** The SKU's reference data, a new empty one if there is none yet. */
    SkuReference reference() {
        return summary.reference != null ? summary.reference : new SkuReference();
    }

    /** Stores the SKU's reference data (see {@link #reference()}). */
    void putReference(SkuReference updated) throws Exception {
        writes.inc();
        reference.update(updated);
        summary.reference = updated;
    }

    /** Holds a record that must wait ({@link HeldRecords}). */
    void hold(SourcedEvent in) throws Exception {
        writes.inc();
        pending.add(in);
        summary.heldRecords++;
        summaryChanged = true;
    }

    /** Whether an inventory event is among the held records (not only routing's requests). */
    boolean holdsAnEvent() throws Exception {
        for (SourcedEvent in : pending.get()) {
            reads.inc();
            if (in.event != null) {
                return true;
            }
        }
        return false;
    }

    /** The held records, in arrival order; none are held afterwards. */
    List<SourcedEvent> takeHeld() throws Exception {
        List<SourcedEvent> held = new ArrayList<>();
        for (SourcedEvent in : pending.get()) {
            reads.inc();
            held.add(in);
        }
        writes.inc();
        pending.clear();
        summary.heldRecords = 0;
        summaryChanged = true;
        return held;
    }

    /** What a position's timer does beside expiry: settles its due count checks. */
    interface CheckSettler {
        /** Returns whether the position changed. */
        boolean settle(String nodeId, Position position);
    }

    /**
     * What is left after a timer: the earliest event time left to expire and the earliest due count
     * check, each {@link Position#NO_DELTA} when there is none.
     */
    record Left(long earliestExpiring, long nextCheckDue) {}

    /**
     * Forgets request ids, event ids, buffered deltas and received ASNs older than {@code cutoff},
     * and settles each position's due count checks through {@code settler}, in one pass over the
     * positions; returns what is left to expire and the next check due ({@code nextDue} of a
     * position).
     */
    Left expire(long cutoff, CheckSettler settler, ToLongFunction<Position> nextDue)
            throws Exception {
        long earliestLeft = Position.NO_DELTA;
        long latestLeft = Long.MIN_VALUE;
        Iterator<Map.Entry<String, Long>> ids = seenRequests.iterator();
        while (ids.hasNext()) {
            reads.inc();
            long time = ids.next().getValue();
            if (time < cutoff) {
                writes.inc();
                ids.remove();
            } else {
                earliestLeft = Math.min(earliestLeft, time);
                latestLeft = Math.max(latestLeft, time);
            }
        }
        if (earliestLeft == Position.NO_DELTA) {
            writes.inc();
            seenRequests.clear(); // drop the emptied map itself, not only its entries
        }
        expireLegacyIds(cutoff, latestLeft);
        long nextCheckDue = Position.NO_DELTA;
        for (Map.Entry<String, Position> entry : positions.entries()) {
            reads.inc();
            Position p = entry.getValue();
            boolean settled = settler.settle(entry.getKey(), p);
            int buffered = p.recentDeltas.size() + p.rememberedEvents.size() + p.inbound.size();
            p.expire(cutoff);
            if (settled
                    || p.recentDeltas.size() + p.rememberedEvents.size() + p.inbound.size()
                            != buffered) {
                writes.inc();
                positions.put(entry.getKey(), p);
                track(entry.getKey(), p);
            }
            earliestLeft = Math.min(earliestLeft, p.earliestExpiring());
            nextCheckDue = Math.min(nextCheckDue, nextDue.applyAsLong(p));
        }
        return new Left(earliestLeft, nextCheckDue);
    }

    /**
     * Settles the count checks due by {@code watermark} through {@code settler}, reading only the
     * positions that have one due ({@link PendingCheckNodes}); returns when the next check left is
     * due, or {@link Position#NO_DELTA}.
     */
    long settleDueChecks(long watermark, CheckSettler settler, LongUnaryOperator due)
            throws Exception {
        for (String nodeId : summary.checks.dueBy(watermark, due)) {
            reads.inc();
            Position p = positions.get(nodeId);
            if (p == null) {
                summary.checks.forget(nodeId);
            } else if (settler.settle(nodeId, p)) {
                writes.inc();
                positions.put(nodeId, p);
                track(nodeId, p);
            } else {
                summary.checks.update(nodeId, p);
            }
        }
        return summary.checks.nextDue(due);
    }

    /**
     * After a restore from the layout with a per-SKU dedupe map, the first expiry learns the latest
     * time in the map (request ids written since count too, which only errs on the safe side); once
     * the cutoff passes it, events stop consulting the map.
     */
    private void expireLegacyIds(long cutoff, long latestLeft) {
        if (summary.legacyDedupeUntil == SkuSummary.NO_LEGACY_IDS) {
            return;
        }
        if (summary.legacyDedupeUntil == SkuSummary.LEGACY_IDS_UNKNOWN) {
            summary.legacyDedupeUntil = latestLeft;
        }
        if (summary.legacyDedupeUntil < cutoff) {
            summary.legacyDedupeUntil = SkuSummary.NO_LEGACY_IDS;
        }
        summaryChanged = true;
    }

    /** A node as the positions' group shares were last counted with (see {@link #replacedNode}). */
    private NodeInfo countedNode(String nodeId) {
        if (replacedNode != null && replacedNode.nodeId.equals(nodeId)) {
            return replacedNode;
        }
        return nodes == null ? null : node(nodeId);
    }

    @Override
    public NodeInfo node(String nodeId) {
        try {
            return nodes.get(nodeId);
        } catch (Exception e) {
            throw failed(e);
        }
    }

    /**
     * Bounds what the order, quote or hold in hand may take to the ATS of {@code channelId} (at
     * event time {@code at}) until {@link #unlimited}: no bound when the channel is not defined.
     */
    void limitTo(String channelId, long at) {
        limit = channelId == null || channelId.isEmpty() ? null : channelLookup.limiting(channelId);
        limitAt = at;
    }

    /** Ends the bound of {@link #limitTo}. */
    void unlimited() {
        limit = null;
    }

    @Override
    public long sellable(NodeInfo node, long atp) {
        if (limit == null) {
            return atp;
        }
        String category = summary.reference == null ? null : summary.reference.category;
        return limit.ats(sku, category, node, atp, limitAt);
    }

    /** The SKU's category (reference.skus), or null. */
    String category() {
        return summary.reference == null ? null : summary.reference.category;
    }

    private Channel channel(String id) {
        try {
            return channels == null ? null : channels.get(id);
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public long safetyStock(NodeInfo node) {
        return SafetyStock.of(sku, node, summary.reference, sharedRules);
    }

    private SafetyStockRule sharedRule(String scopeId) {
        try {
            return rules.get(scopeId);
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public Reservation reservation(String orderId) {
        try {
            reads.inc();
            return reservations.get(orderId);
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public void putReservation(Reservation reservation) {
        try {
            writes.inc();
            reservations.put(reservation.orderId, reservation);
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public void removeReservation(String orderId) {
        try {
            writes.inc();
            reservations.remove(orderId);
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public Iterable<Reservation> reservations() {
        try {
            return counted(reservations.values());
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public Position position(String nodeId) {
        try {
            reads.inc();
            return positions.get(nodeId);
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public void putPosition(String nodeId, Position position) {
        try {
            writes.inc();
            positions.put(nodeId, position);
            track(nodeId, position);
        } catch (Exception e) {
            throw failed(e);
        }
    }

    /** Keeps what the summary derives from the positions in step with one of them. */
    private void track(String nodeId, Position position) {
        summary.stock.update(nodeId, position);
        summary.checks.update(nodeId, position);
    }

    @Override
    public StockByNode stock() {
        return summary.stock;
    }

    @Override
    public NetworkTotals totals() {
        return summary.totals;
    }

    @Override
    public GroupTotals groups() {
        return summary.groups;
    }

    @Override
    public boolean seen(String requestId) {
        try {
            reads.inc();
            return seenRequests.contains(requestId);
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public void remember(String requestId, long eventTime) {
        try {
            writes.inc();
            seenRequests.put(requestId, eventTime);
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public boolean seenBeforeUpgrade(String eventId) {
        return summary.legacyDedupeUntil != SkuSummary.NO_LEGACY_IDS && seen(eventId);
    }

    /** Counts each entry an iteration reads. */
    private <T> Iterable<T> counted(Iterable<T> entries) {
        return () -> {
            Iterator<T> it = entries.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public T next() {
                    reads.inc();
                    return it.next();
                }
            };
        };
    }

    /** A state backend failure: the task fails and restarts from its last checkpoint. */
    private static IllegalStateException failed(Exception e) {
        return new IllegalStateException("state backend access failed", e);
    }
}

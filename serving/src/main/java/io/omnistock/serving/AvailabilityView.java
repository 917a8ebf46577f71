package io.omnistock.serving;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The materialised availability: per SKU, the latest record of each node and the network totals.
 * The rule is the topic's contract: the highest {@code version} per key wins, so a record with a
 * lower version than the one held (a replayed or reordered older record) never replaces it; an
 * equal version replaces it (the same fact re-delivered). A tombstone removes its key.
 *
 * <p>One writer (the materialiser's thread) and any number of readers; readers never block and
 * always see a whole {@link SkuEntry}.
 */
public final class AvailabilityView {

    /** What applying one record did. */
    public enum Outcome {
        /** The record is now held. */
        APPLIED,
        /** A record with a higher version is held; this one was ignored. */
        STALE
    }

    /** Node ids are few (hundreds) and repeat in every SKU: one String each saves ~48 B a key. */
    private static final int MAX_SHARED_NODE_IDS = 1 << 16;

    private final ConcurrentHashMap<String, SkuEntry> bySku = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> nodeIds = new ConcurrentHashMap<>();
    private final AtomicLong positions = new AtomicLong();
    private final AtomicLong networks = new AtomicLong();

    /**
     * Group records by SKU, apart from {@link #bySku} so a SKU in no group costs nothing: an
     * entry's "nodes" are the SKU's groups, sorted by name.
     */
    private final ConcurrentHashMap<String, SkuEntry> groupsBySku = new ConcurrentHashMap<>();

    private final AtomicLong groups = new AtomicLong();

    /** Applies the availability of {@code sku} at {@code nodeId}. */
    public Outcome applyPosition(String sku, String nodeId, StoredRecord record) {
        Outcome[] outcome = {Outcome.APPLIED};
        bySku.compute(
                sku,
                (k, entry) -> {
                    SkuEntry e = entry == null ? SkuEntry.EMPTY : entry;
                    StoredRecord held = e.node(nodeId);
                    if (held != null && held.version() > record.version()) {
                        outcome[0] = Outcome.STALE;
                        return entry;
                    }
                    if (held == null) {
                        positions.incrementAndGet();
                        return e.withNode(shared(nodeId), record);
                    }
                    return e.withNode(nodeId, record);
                });
        return outcome[0];
    }

    /** Applies the network totals of {@code sku}. */
    public Outcome applyNetwork(String sku, StoredRecord record) {
        Outcome[] outcome = {Outcome.APPLIED};
        bySku.compute(
                sku,
                (k, entry) -> {
                    SkuEntry e = entry == null ? SkuEntry.EMPTY : entry;
                    StoredRecord held = e.network();
                    if (held != null && held.version() > record.version()) {
                        outcome[0] = Outcome.STALE;
                        return entry;
                    }
                    if (held == null) {
                        networks.incrementAndGet();
                    }
                    return e.withNetwork(record);
                });
        return outcome[0];
    }

    /** Applies the availability of {@code sku} in node group {@code group}. */
    public Outcome applyGroup(String sku, String group, StoredRecord record) {
        Outcome[] outcome = {Outcome.APPLIED};
        groupsBySku.compute(
                sku,
                (k, entry) -> {
                    SkuEntry e = entry == null ? SkuEntry.EMPTY : entry;
                    StoredRecord held = e.node(group);
                    if (held != null && held.version() > record.version()) {
                        outcome[0] = Outcome.STALE;
                        return entry;
                    }
                    if (held == null) {
                        groups.incrementAndGet();
                    }
                    return e.withNode(group, record);
                });
        return outcome[0];
    }

    /** A tombstone for {@code sku|group} on the group topic: forgets that record. */
    public void removeGroup(String sku, String group) {
        groupsBySku.computeIfPresent(
                sku,
                (k, e) -> {
                    if (e.node(group) == null) {
                        return e;
                    }
                    groups.decrementAndGet();
                    SkuEntry left = e.withoutNode(group);
                    return left.isEmpty() ? null : left;
                });
    }

    /** The group records of {@code sku} (its "nodes" are group names), or null when none. */
    public SkuEntry groups(String sku) {
        return groupsBySku.get(sku);
    }

    /** Group records ({@code sku|group} keys) held. */
    public long groupKeys() {
        return groups.get();
    }

    private String shared(String nodeId) {
        String known = nodeIds.get(nodeId);
        if (known != null) {
            return known;
        }
        if (nodeIds.size() >= MAX_SHARED_NODE_IDS) {
            return nodeId;
        }
        known = nodeIds.putIfAbsent(nodeId, nodeId);
        return known != null ? known : nodeId;
    }

    /** A tombstone for {@code sku|nodeId}: forgets that position. */
    public void removePosition(String sku, String nodeId) {
        bySku.computeIfPresent(
                sku,
                (k, e) -> {
                    if (e.node(nodeId) == null) {
                        return e;
                    }
                    positions.decrementAndGet();
                    SkuEntry left = e.withoutNode(nodeId);
                    return left.isEmpty() ? null : left;
                });
    }

    /** A tombstone for {@code sku} on the network topic: forgets its totals. */
    public void removeNetwork(String sku) {
        bySku.computeIfPresent(
                sku,
                (k, e) -> {
                    if (e.network() == null) {
                        return e;
                    }
                    networks.decrementAndGet();
                    SkuEntry left = e.withNetwork(null);
                    return left.isEmpty() ? null : left;
                });
    }

    /** The record of {@code sku} at {@code nodeId}, or null. */
    public StoredRecord position(String sku, String nodeId) {
        SkuEntry e = bySku.get(sku);
        return e == null ? null : e.node(nodeId);
    }

    /** Everything held for {@code sku}, or null when nothing is. */
    public SkuEntry sku(String sku) {
        return bySku.get(sku);
    }

    /** Positions ({@code sku|node} keys) held. */
    public long positionKeys() {
        return positions.get();
    }

    /** SKUs with network totals held. */
    public long networkKeys() {
        return networks.get();
    }
}

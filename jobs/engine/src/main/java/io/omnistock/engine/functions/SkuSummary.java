package io.omnistock.engine.functions;

import io.omnistock.domain.inventory.GroupTotals;
import io.omnistock.domain.inventory.NetworkTotals;
import io.omnistock.domain.inventory.StockByNode;
import io.omnistock.domain.safety.SkuReference;

/**
 * What the ledger function keeps per SKU beside its positions, read through a heap cache ({@link
 * SkuSummaryCache}) and written only when one of its stored fields changes: the earliest expiry
 * timer the SKU has registered, how many of its events wait for an unknown node, and whether event
 * ids of the earlier per-SKU dedupe map may still need checking. The SKU's network totals ride
 * along on the heap: derived from the positions, they are rebuilt when the summary is loaded, never
 * stored.
 */
public final class SkuSummary {
    /** No expiry timer registered. */
    public static final long NO_TIMER = Long.MAX_VALUE;

    /** Derived from the positions; not stored (see {@link SkuKeyedState#load}). */
    public NetworkTotals totals = new NetworkTotals();

    /** Derived from the positions; not stored (see {@link SkuKeyedState#load}). */
    public StockByNode stock;

    /** Derived from the positions; not stored (see {@link SkuKeyedState#load}). */
    PendingCheckNodes checks = new PendingCheckNodes();

    /**
     * The earliest event-time timer registered to settle count checks, or {@link #NO_TIMER}: kept
     * on the heap only, so a summary loaded again may register a timer Flink already holds (Flink
     * keeps one per time), never miss one.
     */
    long checkTimer = NO_TIMER;

    /**
     * Derived from the positions and the node reference data; not stored (see {@link
     * SkuKeyedState#load}).
     */
    public GroupTotals groups = new GroupTotals();

    /**
     * The SKU's category and own safety-stock rules, or null: read from their own state when the
     * summary is loaded, not stored with it (see {@link SkuKeyedState#load}).
     */
    public SkuReference reference;

    /**
     * A registered expiry timer (on the hour) no later than the expiry of anything the SKU
     * remembers (dedupe entries, buffered deltas), or {@link #NO_TIMER}: an event expiring later
     * registers none. A savepoint of the layout that shared this timer with count checks may hold a
     * check's time here; {@link ExpirySchedule#fire} then does the full pass once.
     */
    public long expiryTimer = NO_TIMER;

    /** Records held in the pending list ({@link HeldRecords}); later ones may queue behind them. */
    public int heldRecords;

    /** No event id of the earlier layout is left in the per-SKU dedupe map. */
    public static final long NO_LEGACY_IDS = Long.MIN_VALUE;

    /** Restored from the earlier layout: the map's ids have not been looked at yet. */
    public static final long LEGACY_IDS_UNKNOWN = Long.MAX_VALUE;

    /**
     * Until when the per-SKU dedupe map ({@code seen-event-ids}) may still hold event ids written
     * by the layout before event ids moved into positions: the latest event time in it, {@link
     * #LEGACY_IDS_UNKNOWN} right after such a restore, or {@link #NO_LEGACY_IDS}. While set, events
     * are checked against the map too.
     */
    public long legacyDedupeUntil = NO_LEGACY_IDS;
}

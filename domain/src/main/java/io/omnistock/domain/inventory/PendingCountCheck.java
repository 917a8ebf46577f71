package io.omnistock.domain.inventory;

import io.omnistock.avro.SourceSystem;

/**
 * A count's comparison with the ledger, waiting for the watermark to pass the count's as-of time
 * plus the settle delay ({@link CountChecks}). Deltas stamped in {@code (coversAfter, asOf]} that
 * arrive meanwhile are ignored for on-hand but still count toward {@link #expected}. A Flink POJO,
 * kept in its {@link Position}.
 */
public class PendingCountCheck {
    /** The count's event id: the discrepancy and the count check are stamped with it. */
    public String eventId;

    /** The count's as-of time (its event time). */
    public long asOf;

    /** CYCLE_COUNT or SNAPSHOT. */
    public EventType type;

    public SourceSystem source;

    public long counted;

    /** The 3PL snapshot batch of the count ({@code batchId}), or null (WMS cycle counts). */
    public String batchId;

    /** What the ledger held at {@link #asOf}, with the late deltas that arrived so far. */
    public long expected;

    /**
     * Late deltas stamped after this and at or before {@link #asOf} belong to this check: the as-of
     * time of the count before it, {@link Long#MIN_VALUE} for a position's first count, or {@link
     * #asOf} itself for a re-count after its first count's check settled (the re-count is compared
     * with the count it replaces, which already includes every delta up to its time).
     */
    public long coversAfter;

    /**
     * No earlier count and no delta stamped at or before {@link #asOf} yet: an opening balance,
     * settled without a comparison, unless such a delta still arrives.
     */
    public boolean openingBalance;

    public PendingCountCheck() {}

    /** The count event this check compares, rebuilt for the discrepancy and the count check. */
    InventoryEvent count(String sku, String nodeId) {
        return new InventoryEvent(eventId, asOf, sku, nodeId, type, counted, source)
                .withDetails(null, batchId);
    }
}

package io.omnistock.ledger.functions;

import io.omnistock.ledger.domain.NetworkTotals;

/**
 * What the ledger function keeps per SKU beside its positions, in one state entry that each event
 * reads once and writes at most once: the SKU's network totals, the earliest expiry timer it has
 * registered, and how many of its events wait for an unknown node.
 */
public final class SkuSummary {
    /** No expiry timer registered. */
    public static final long NO_TIMER = Long.MAX_VALUE;

    public NetworkTotals totals = new NetworkTotals();

    /**
     * A registered event-time timer no later than the expiry of anything the SKU remembers (dedupe
     * entries, buffered deltas), or {@link #NO_TIMER}: an event expiring later registers none.
     */
    public long expiryTimer = NO_TIMER;

    /** Events held until their node's reference data arrives; later events queue behind them. */
    public int heldEvents;
}

package io.omnistock.engine.functions;

import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * The counters of the inventory operator ({@link ApplyInventoryEventFunction}), registered once per
 * subtask and shared by its handlers and adapters. Names: {@link LedgerMetrics}.
 */
final class LedgerCounts {
    final LedgerMetrics.Count processed;
    final LedgerMetrics.Count deadLettered;
    final LedgerMetrics.Count applied;
    final LedgerMetrics.Count duplicates;
    final LedgerMetrics.Count staleCounts;
    final LedgerMetrics.Count supersededDeltas;
    final LedgerMetrics.Count staleRevisions;
    final LedgerMetrics.Count discrepancies;
    final LedgerMetrics.Count availabilityUpdates;
    final LedgerMetrics.Count returnsTriaged;
    final LedgerMetrics.Count notRestocked;
    final LedgerMetrics.Count stateReads;
    final LedgerMetrics.Count stateWrites;
    final LedgerMetrics.Count timersRegistered;

    LedgerCounts(RuntimeContext context) {
        processed = new LedgerMetrics.Count(context, LedgerMetrics.PROCESSED);
        deadLettered = new LedgerMetrics.Count(context, LedgerMetrics.DEAD_LETTERED);
        applied = new LedgerMetrics.Count(context, LedgerMetrics.APPLIED);
        duplicates = new LedgerMetrics.Count(context, LedgerMetrics.DUPLICATES);
        staleCounts = new LedgerMetrics.Count(context, LedgerMetrics.STALE_COUNTS);
        supersededDeltas = new LedgerMetrics.Count(context, LedgerMetrics.SUPERSEDED_DELTAS);
        staleRevisions = new LedgerMetrics.Count(context, LedgerMetrics.STALE_REVISIONS);
        discrepancies = new LedgerMetrics.Count(context, LedgerMetrics.DISCREPANCIES);
        availabilityUpdates = new LedgerMetrics.Count(context, LedgerMetrics.AVAILABILITY_UPDATES);
        returnsTriaged = new LedgerMetrics.Count(context, LedgerMetrics.RETURNS_TRIAGED);
        notRestocked = new LedgerMetrics.Count(context, LedgerMetrics.RETURNS_NOT_RESTOCKED);
        stateReads = new LedgerMetrics.Count(context, LedgerMetrics.STATE_READS);
        stateWrites = new LedgerMetrics.Count(context, LedgerMetrics.STATE_WRITES);
        timersRegistered = new LedgerMetrics.Count(context, LedgerMetrics.TIMERS_REGISTERED);
    }
}

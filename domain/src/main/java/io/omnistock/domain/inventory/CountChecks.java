package io.omnistock.domain.inventory;

import io.omnistock.ledger.domain.NodeInfo;
import java.util.Iterator;

/**
 * Discrepancies judged in event time (docs/design.md 3): a count as of T leaves a {@link
 * PendingCountCheck} at its position; deltas stamped at or before T that arrive before the check
 * settles adjust its expectation (they stay ignored for on-hand); once the watermark reaches T plus
 * the settle delay the check settles: compared always (inventory accuracy), a discrepancy when the
 * count differs from the expectation. The same inputs then give the same checks whatever the
 * arrival interleaving within the watermark's bound.
 *
 * <p>Which check a late delta belongs to: the first count at or after its time, because a count
 * includes every delta stamped up to its time, so the delta is part of the movement between the
 * count before it and that count. Each check covers the interval {@code (coversAfter, asOf]} from
 * the count before it; intervals of one position never overlap, so a delta joins at most one check
 * and the result does not depend on which of several pending counts arrived first. A delta stamped
 * at or before a count whose check has already settled joins none (it is late, beyond the
 * watermark).
 */
final class CountChecks {
    private CountChecks() {}

    /**
     * A count as of {@code count.eventTime} was applied at {@code p} (not stale), before its
     * on-hand was set: opens its check, or replaces the pending check of a count at the same time
     * (a re-count keeps the expectation and takes the new count's figure and id).
     */
    static void open(Position p, InventoryEvent count, long expected) {
        long asOf = count.eventTime;
        PendingCountCheck check = pendingAt(p, asOf);
        if (check == null) {
            check = new PendingCountCheck();
            check.asOf = asOf;
            check.expected = expected;
            check.openingBalance = !p.hasCount() && p.earliestAppliedDelta > asOf;
            check.coversAfter =
                    !p.hasCount()
                            ? Long.MIN_VALUE
                            : p.lastCountTime; // == asOf for a re-count after its check settled
            p.pendingChecks.add(check); // as-of times only grow: the list stays sorted
        }
        check.eventId = count.eventId;
        check.type = count.type;
        check.source = count.source;
        check.counted = count.quantity;
        check.batchId = count.batchId;
    }

    /**
     * A delta stamped at or before the count in force arrived (superseded for on-hand): it adds to
     * the expectation of the pending check it belongs to, if any.
     */
    static void lateDelta(Position p, long eventTime, long delta) {
        for (PendingCountCheck check : p.pendingChecks) {
            if (eventTime > check.coversAfter && eventTime <= check.asOf) {
                check.expected += delta;
                check.openingBalance = false;
                return;
            }
        }
    }

    /**
     * Settles the checks at {@code p} due by {@code watermark} (as-of time plus {@code
     * delayMillis}), oldest first; returns whether any settled.
     */
    static boolean settle(
            String sku,
            String nodeId,
            Position p,
            NodeInfo node,
            long watermark,
            long delayMillis,
            SkuLedger.Output out) {
        boolean settled = false;
        Iterator<PendingCountCheck> checks = p.pendingChecks.iterator();
        while (checks.hasNext()) {
            PendingCountCheck check = checks.next();
            if (due(check.asOf, delayMillis) > watermark) {
                break; // sorted by as-of time
            }
            checks.remove();
            settled = true;
            if (check.openingBalance) {
                continue;
            }
            InventoryEvent count = check.count(sku, nodeId);
            boolean matched = check.counted == check.expected;
            if (!matched) {
                out.discrepancy(
                        new CountDiscrepancy(sku, nodeId, check.expected, check.counted, count));
            }
            out.countCompared(count, node, check.expected, matched);
        }
        return settled;
    }

    /** When the earliest pending check at {@code p} is due, or {@link Position#NO_DELTA}. */
    static long nextDue(Position p, long delayMillis) {
        return p.pendingChecks.isEmpty()
                ? Position.NO_DELTA
                : due(p.pendingChecks.get(0).asOf, delayMillis);
    }

    /** The watermark a check of a count as of {@code asOf} waits for. */
    static long due(long asOf, long delayMillis) {
        long due = asOf + delayMillis;
        return ((asOf ^ due) & (delayMillis ^ due)) < 0 ? Long.MAX_VALUE : due; // saturates
    }

    private static PendingCountCheck pendingAt(Position p, long asOf) {
        for (PendingCountCheck check : p.pendingChecks) {
            if (check.asOf == asOf) {
                return check;
            }
        }
        return null;
    }
}

package io.omnistock.engine.functions;

import io.omnistock.domain.inventory.Position;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * The SKU's nodes with a count check pending, each with the as-of time of its earliest one. Derived
 * from the positions like the SKU's stock ({@link SkuSummary#stock}) and kept in step with every
 * stored change, so a timer that settles checks reads only the positions that have one, not every
 * position of the SKU. Most SKUs have none: then an update costs one emptiness test.
 */
final class PendingCheckNodes {
    private final Map<String, Long> earliestAsOf = new HashMap<>();

    /** Takes in the position at {@code nodeId} as it now stands. */
    void update(String nodeId, Position p) {
        if (!p.pendingChecks.isEmpty()) {
            earliestAsOf.put(nodeId, p.pendingChecks.get(0).asOf);
        } else if (!earliestAsOf.isEmpty()) {
            earliestAsOf.remove(nodeId);
        }
    }

    /** The position at {@code nodeId} is gone. */
    void forget(String nodeId) {
        earliestAsOf.remove(nodeId);
    }

    /**
     * The nodes whose earliest check is due ({@code due} of its as-of time) by {@code watermark}.
     */
    List<String> dueBy(long watermark, LongUnaryOperator due) {
        List<String> nodes = new ArrayList<>();
        for (Map.Entry<String, Long> e : earliestAsOf.entrySet()) {
            if (due.applyAsLong(e.getValue()) <= watermark) {
                nodes.add(e.getKey());
            }
        }
        return nodes;
    }

    /** When the earliest pending check of the SKU is due, or {@link Position#NO_DELTA}. */
    long nextDue(LongUnaryOperator due) {
        long next = Position.NO_DELTA;
        for (long asOf : earliestAsOf.values()) {
            next = Math.min(next, due.applyAsLong(asOf));
        }
        return next;
    }
}

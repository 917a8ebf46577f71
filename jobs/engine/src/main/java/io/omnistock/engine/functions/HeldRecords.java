package io.omnistock.engine.functions;

import io.omnistock.ledger.domain.StockRequest;
import java.util.List;
import org.apache.flink.streaming.api.TimerService;

/**
 * What waits in the SKU's keyed state before the ledger sees it, because streams race: an inventory
 * event for a node not yet on {@code network.nodes} (reference data and events race at start-up),
 * and an order's stock request (ROUTE or PROBE) for a SKU the ledger holds no stock of yet (an
 * order and its SKU's first stock event come through different topics and partitions, and either
 * can overtake the other, after a rescale too). Each waits for its grace period, a processing-time
 * timer; then it is handled as it is (an unknown node rejects, an unknown SKU is answered as
 * unknown).
 *
 * <p>Anything of the SKU that arrives while an inventory event is held queues behind it (a VOID
 * must not overtake its sale). An inventory event that arrives while only requests wait is applied
 * at once, and once the SKU has stock the waiting requests are answered at once.
 */
final class HeldRecords {
    private final SkuKeyedState state;
    private final LedgerCounts counts;
    private final long unknownNodeGraceMillis;
    private final long unknownSkuGraceMillis;

    HeldRecords(
            SkuKeyedState state,
            LedgerCounts counts,
            long unknownNodeGraceMillis,
            long unknownSkuGraceMillis) {
        this.state = state;
        this.counts = counts;
        this.unknownNodeGraceMillis = unknownNodeGraceMillis;
        this.unknownSkuGraceMillis = unknownSkuGraceMillis;
    }

    /** Holds {@code in} if it must wait, and says whether it did. */
    boolean holdIfWaiting(SourcedEvent in, TimerService timers) throws Exception {
        long grace;
        if (in.request != null) {
            if (!waitsForStock(in.request)) {
                return false;
            }
            if (state.summary.heldRecords > 0) { // behind whatever waits, on its timer
                state.hold(in);
                return true;
            }
            if (!state.summary.stock.isEmpty()) {
                return false;
            }
            grace = unknownSkuGraceMillis;
        } else if (state.nodes.get(in.event.nodeId) != null) {
            if (state.summary.heldRecords == 0 || !state.holdsAnEvent()) {
                return false;
            }
            state.hold(in); // behind the held event, on its timer
            return true;
        } else {
            grace = unknownNodeGraceMillis;
        }
        state.hold(in);
        counts.timersRegistered.inc();
        timers.registerProcessingTimeTimer(graceTimer(timers.currentProcessingTime() + grace));
        return true;
    }

    /**
     * The held records if only requests wait and the SKU now has stock (they go now, not when their
     * timer fires), else none.
     */
    List<SourcedEvent> requestsWithStock() throws Exception {
        if (state.summary.heldRecords == 0
                || state.summary.stock.isEmpty()
                || state.holdsAnEvent()) {
            return List.of();
        }
        return state.takeHeld();
    }

    /** The held records, in arrival order, when their grace is over (none if they went earlier). */
    List<SourcedEvent> graceOver() throws Exception {
        return state.summary.heldRecords == 0 ? List.of() : state.takeHeld();
    }

    /**
     * A grace timer fires at an even millisecond (at most 1 ms late), so it is told apart from a
     * hold's expiry, always odd ({@link HoldHandler#isHoldTimer}).
     */
    static long graceTimer(long due) {
        return due + (due & 1L);
    }

    /** Routing's requests for an order's stock; reservations and quotes never wait. */
    private static boolean waitsForStock(StockRequest request) {
        return request.action == StockRequest.Action.ROUTE
                || request.action == StockRequest.Action.PROBE;
    }
}

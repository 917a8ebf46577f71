package io.omnistock.engine.functions;

import io.omnistock.avro.Availability;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.ledger.domain.NodeInfo;
import java.util.List;
import org.apache.flink.util.Collector;

/**
 * The inventory-events role of {@link ApplyInventoryEventFunction}: applies sales, receipts,
 * counts, ASNs, voids and returns (triaged) to the SKU's positions under {@link SkuLedger}'s rules,
 * counts what became of each, and holds an event for a not-yet-known node for a short grace period
 * (a processing-time timer), queueing later events of the SKU behind it.
 */
final class InventoryEventHandler {
    private final SkuLedger ledger;
    private final SkuKeyedState state;
    private final SkuLedgerOutput output;
    private final ExpirySchedule expiry;
    private final LedgerCounts counts;
    private final long unknownNodeGraceMillis;

    InventoryEventHandler(
            SkuLedger ledger,
            SkuKeyedState state,
            SkuLedgerOutput output,
            ExpirySchedule expiry,
            LedgerCounts counts,
            long unknownNodeGraceMillis) {
        this.ledger = ledger;
        this.state = state;
        this.output = output;
        this.expiry = expiry;
        this.counts = counts;
        this.unknownNodeGraceMillis = unknownNodeGraceMillis;
    }

    /** An inventory event of the loaded SKU. */
    void onEvent(
            SourcedEvent in,
            ApplyInventoryEventFunction.ReadOnlyContext ctx,
            Collector<Availability> out)
            throws Exception {
        NodeInfo node = state.nodes.get(in.event.nodeId);
        if (node == null) {
            // Reference data and events race at start-up: give the node a moment to arrive.
            state.hold(in);
            counts.timersRegistered.inc();
            ctx.timerService()
                    .registerProcessingTimeTimer(
                            ctx.timerService().currentProcessingTime() + unknownNodeGraceMillis);
        } else if (state.summary.heldEvents > 0) {
            // queue behind the held events: a VOID must not overtake its sale
            state.hold(in);
        } else {
            apply(in, node, ctx, out);
        }
    }

    /** The grace period is over: applies the held events, in order (an unknown node rejects). */
    void releaseHeld(ApplyInventoryEventFunction.OnTimerContext ctx, Collector<Availability> out)
            throws Exception {
        List<SourcedEvent> held = state.takeHeld();
        state.nodes = ctx.getBroadcastState(ApplyInventoryEventFunction.NODES);
        for (SourcedEvent in : held) {
            apply(in, state.nodes.get(in.event.nodeId), ctx, out); // still unknown: UNKNOWN_NODE
        }
    }

    private void apply(
            SourcedEvent in,
            NodeInfo node,
            ApplyInventoryEventFunction.ReadOnlyContext ctx,
            Collector<Availability> out) {
        output.bind(in, ctx, out);
        SkuLedger.Outcome outcome =
                ledger.apply(
                        in.event,
                        node,
                        System.currentTimeMillis(),
                        ctx.currentWatermark(),
                        state,
                        output);
        switch (outcome) {
            case REJECTED -> {
                counts.deadLettered.inc();
                return;
            }
            case APPLIED -> counts.applied.inc();
            case DUPLICATE -> counts.duplicates.inc();
            case STALE_COUNT -> counts.staleCounts.inc();
            case SUPERSEDED_BY_COUNT -> counts.supersededDeltas.inc();
            case STALE_REVISION -> counts.staleRevisions.inc();
            case NOT_RESTOCKED -> counts.notRestocked.inc();
        }
        counts.processed.inc();
        if (outcome != SkuLedger.Outcome.DUPLICATE) {
            expiry.schedule(in.event.eventTime, ctx.timerService());
        }
    }
}

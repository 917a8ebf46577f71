package io.omnistock.engine.functions;

import io.omnistock.avro.Availability;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.ledger.domain.NodeInfo;
import org.apache.flink.util.Collector;

/**
 * The inventory-events role of {@link ApplyInventoryEventFunction}: applies sales, receipts,
 * counts, ASNs, voids and returns (triaged) to the SKU's positions under {@link SkuLedger}'s rules,
 * and counts what became of each.
 */
final class InventoryEventHandler {
    private final SkuLedger ledger;
    private final SkuKeyedState state;
    private final SkuLedgerOutput output;
    private final ExpirySchedule expiry;
    private final LedgerCounts counts;

    InventoryEventHandler(
            SkuLedger ledger,
            SkuKeyedState state,
            SkuLedgerOutput output,
            ExpirySchedule expiry,
            LedgerCounts counts) {
        this.ledger = ledger;
        this.state = state;
        this.output = output;
        this.expiry = expiry;
        this.counts = counts;
    }

    /** An inventory event of the loaded SKU (an unknown node rejects it). */
    void onEvent(
            SourcedEvent in,
            ApplyInventoryEventFunction.ReadOnlyContext ctx,
            Collector<Availability> out)
            throws Exception {
        NodeInfo node = state.nodes.get(in.event.nodeId);
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
        if (outcome == SkuLedger.Outcome.APPLIED && in.event.type.isCount()) {
            expiry.scheduleCheck(in.event.eventTime, ctx.timerService()); // its pending check
        }
    }
}

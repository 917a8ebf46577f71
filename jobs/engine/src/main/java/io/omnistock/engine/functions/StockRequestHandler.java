package io.omnistock.engine.functions;

import io.omnistock.avro.Availability;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.StockRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.util.Collector;

/**
 * The stock-requests role of {@link ApplyInventoryEventFunction}: routing's reservations, releases
 * and commits (from Kafka, counted as input records), the probes and quotes routing makes in the
 * job (not input records), and the single-SKU fast path (a ROUTE request: planned, reserved and
 * answered at once; an order naming one of the SKU's holds converts it, see {@link HoldHandler}).
 */
final class StockRequestHandler {
    private final SkuLedger ledger;
    private final SkuKeyedState state;
    private final SkuLedgerOutput output;
    private final ExpirySchedule expiry;
    private final LedgerCounts counts;
    private final HoldHandler holds;

    StockRequestHandler(
            SkuLedger ledger,
            SkuKeyedState state,
            SkuLedgerOutput output,
            ExpirySchedule expiry,
            LedgerCounts counts,
            HoldHandler holds) {
        this.ledger = ledger;
        this.state = state;
        this.output = output;
        this.expiry = expiry;
        this.counts = counts;
        this.holds = holds;
    }

    /** A stock request for the loaded SKU. */
    void onRequest(
            SourcedEvent in,
            ApplyInventoryEventFunction.ReadOnlyContext ctx,
            Collector<Availability> out)
            throws Exception {
        output.bind(in, ctx, out);
        output.category(state.reference().category); // rules may name the SKU's category
        if (in.request.action == StockRequest.Action.ROUTE) { // a single-SKU order, in the job
            state.limitTo(in.order.getChannel(), in.request.eventTime);
            ledger.route(
                    in.request,
                    in.order,
                    nodeList(state.nodes),
                    System.currentTimeMillis(),
                    state,
                    holds.beginRoute(), // an order may confirm one of the SKU's holds
                    output);
            state.unlimited();
            holds.endRoute(ctx.timerService());
            expiry.schedule(in.request.eventTime, ctx.timerService()); // its grant's dedupe
            return;
        }
        state.limitTo(in.request.channel, in.request.eventTime); // probes and quotes name it
        SkuLedger.Outcome outcome;
        try {
            outcome = ledger.handle(in.request, state, output);
        } finally {
            state.unlimited();
        }
        if (in.fromKafka()) { // probes are made in the job: not input records
            counts.processed.inc();
            (outcome == SkuLedger.Outcome.DUPLICATE ? counts.duplicates : counts.applied).inc();
            if (outcome != SkuLedger.Outcome.DUPLICATE) { // its dedupe entry expires
                expiry.schedule(in.request.eventTime, ctx.timerService());
            }
        }
    }

    private static List<NodeInfo> nodeList(ReadOnlyBroadcastState<String, NodeInfo> nodes)
            throws Exception {
        List<NodeInfo> all = new ArrayList<>();
        for (Map.Entry<String, NodeInfo> entry : nodes.immutableEntries()) {
            all.add(entry.getValue());
        }
        return all;
    }
}

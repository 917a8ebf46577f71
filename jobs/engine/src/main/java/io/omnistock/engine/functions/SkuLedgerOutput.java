package io.omnistock.engine.functions;

import io.omnistock.avro.AlertType;
import io.omnistock.avro.Availability;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.forecast.Forecast;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.NetworkTotals;
import io.omnistock.domain.inventory.Position;
import io.omnistock.domain.inventory.Rejection;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.StockReply;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The output adapter of the SKU ledger: turns its facts into records on the main and side outputs
 * of {@link ApplyInventoryEventFunction}, with versions of this subtask's restore generation.
 */
final class SkuLedgerOutput implements SkuLedger.Output {
    private final LedgerCounts counts;
    private final long generation;
    private SourcedEvent current;
    private ApplyInventoryEventFunction.ReadOnlyContext keyedContext;
    private ApplyInventoryEventFunction.Context broadcastContext;
    private Collector<Availability> out;

    SkuLedgerOutput(LedgerCounts counts, long generation) {
        this.counts = counts;
        this.generation = generation;
    }

    /** Binds the record in hand and where the facts of applying it go. */
    void bind(
            SourcedEvent current,
            ApplyInventoryEventFunction.ReadOnlyContext ctx,
            Collector<Availability> out) {
        this.current = current;
        this.keyedContext = ctx;
        this.broadcastContext = null;
        this.out = out;
    }

    /** Binds a broadcast context: the facts of a node's change. */
    void bindBroadcast(ApplyInventoryEventFunction.Context ctx, Collector<Availability> out) {
        this.current = null;
        this.keyedContext = null;
        this.broadcastContext = ctx;
        this.out = out;
    }

    private <X> void output(OutputTag<X> tag, X value) {
        if (keyedContext != null) {
            keyedContext.output(tag, value);
        } else {
            broadcastContext.output(tag, value);
        }
    }

    @Override
    public void availability(
            String sku,
            String nodeId,
            Position position,
            NodeInfo node,
            long eventTime,
            SourceSystem source,
            String causeEventId,
            Forecast forecast) {
        counts.availabilityUpdates.inc();
        out.collect(
                LedgerRecords.availability(
                        sku,
                        nodeId,
                        position,
                        node,
                        eventTime,
                        source,
                        causeEventId,
                        forecast,
                        generation));
    }

    @Override
    public void network(String sku, NetworkTotals totals, long eventTime) {
        output(LedgerOutputs.NETWORK, LedgerRecords.network(sku, totals, eventTime, generation));
    }

    @Override
    public void discrepancy(
            String sku, String nodeId, long expected, long counted, InventoryEvent count) {
        counts.discrepancies.inc();
        output(
                LedgerOutputs.DISCREPANCIES,
                LedgerRecords.discrepancy(sku, nodeId, expected, counted, count));
    }

    @Override
    public void countCompared(InventoryEvent count, NodeInfo node, boolean matched) {
        output(LedgerOutputs.COUNT_CHECKS, LedgerRecords.countCheck(count, node, matched));
    }

    @Override
    public void alert(
            String sku,
            String nodeId,
            AlertType type,
            long previousAtp,
            long atp,
            long threshold,
            long eventTime,
            long version) {
        output(
                LedgerOutputs.ALERTS,
                LedgerRecords.alert(
                        sku, nodeId, type, previousAtp, atp, threshold, eventTime, version));
    }

    @Override
    public void projectedStockout(
            String sku,
            String nodeId,
            long atp,
            Forecast forecast,
            long leadTimeMillis,
            long eventTime,
            long version) {
        output(
                LedgerOutputs.ALERTS,
                LedgerRecords.projectedStockout(
                        sku, nodeId, atp, forecast, leadTimeMillis, eventTime, version));
    }

    @Override
    public void rejected(InventoryEvent event, Rejection rejection) {
        output(
                LedgerOutputs.DEAD_LETTERS,
                current.toDeadLetter(rejection.reason(), rejection.message()));
    }

    @Override
    public void reply(StockReply reply) {
        output(LedgerOutputs.STOCK_REPLIES, SourcedEvent.of(reply));
    }

    @Override
    public void returned(ReturnDisposition disposition) {
        counts.returnsTriaged.inc();
        output(LedgerOutputs.RETURN_DISPOSITIONS, disposition);
    }
}

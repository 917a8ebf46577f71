package io.omnistock.engine.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sends inventory events and reservation requests on (to the ledger), orders, their lifecycle
 * events and quote requests to {@link LedgerOutputs#ORDERS} (routing), node reference data to
 * {@link LedgerOutputs#NODE_UPDATES} (routing) and {@link LedgerOutputs#LEDGER_REFERENCE} (the
 * ledger's broadcast side), safety-stock rules naming no SKU to {@link
 * LedgerOutputs#LEDGER_REFERENCE}, channel definitions to {@link LedgerOutputs#LEDGER_REFERENCE}
 * too, SKU records and rules naming a SKU on to the SKU's ledger, and rejected records to {@link
 * LedgerOutputs#DEAD_LETTERS}. Counts every record in, and reference data as processed.
 */
public class SplitInputFunction extends ProcessFunction<SourcedEvent, SourcedEvent> {
    private static final long serialVersionUID = 1L;

    private transient LedgerMetrics.Count recordsIn;
    private transient LedgerMetrics.Count processed;
    private transient LedgerMetrics.Count deadLettered;

    @Override
    public void open(OpenContext openContext) {
        recordsIn = new LedgerMetrics.Count(getRuntimeContext(), LedgerMetrics.RECORDS_IN);
        processed = new LedgerMetrics.Count(getRuntimeContext(), LedgerMetrics.PROCESSED);
        deadLettered = new LedgerMetrics.Count(getRuntimeContext(), LedgerMetrics.DEAD_LETTERED);
    }

    @Override
    public void processElement(SourcedEvent in, Context ctx, Collector<SourcedEvent> out) {
        recordsIn.inc();
        if (in.isRejected()) {
            deadLettered.inc();
            ctx.output(
                    LedgerOutputs.DEAD_LETTERS, in.toDeadLetter(in.rejection, in.rejectionMessage));
        } else if (in.node != null) {
            processed.inc();
            ctx.output(LedgerOutputs.NODE_UPDATES, RoutingReference.of(in.node));
            ctx.output(LedgerOutputs.LEDGER_REFERENCE, SourcedEvent.of(in.node));
        } else if (in.channel != null) {
            processed.inc();
            ctx.output(LedgerOutputs.LEDGER_REFERENCE, SourcedEvent.of(in.channel));
        } else if (in.isSafetyStockReference()) {
            processed.inc();
            if (in.rule != null && !in.rule.namesSku()) {
                ctx.output(LedgerOutputs.LEDGER_REFERENCE, SourcedEvent.of(in.rule));
            } else {
                out.collect(in);
            }
        } else if (in.order != null || in.lifecycle != null || in.quote != null) {
            ctx.output(LedgerOutputs.ORDERS, in);
        } else {
            out.collect(in);
        }
    }
}

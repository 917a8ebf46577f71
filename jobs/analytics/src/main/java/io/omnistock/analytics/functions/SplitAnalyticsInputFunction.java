package io.omnistock.analytics.functions;

import io.omnistock.avro.RoutingDecision;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sends routing decisions on, and return dispositions, count checks and dead letters read to their
 * side outputs ({@link AnalyticsOutputs}); records that did not decode go to {@link
 * AnalyticsOutputs#REJECTED}. Counts every record in as processed or dead-lettered.
 */
public class SplitAnalyticsInputFunction extends ProcessFunction<AnalyticsInput, RoutingDecision> {
    private static final long serialVersionUID = 1L;

    private transient AnalyticsMetrics.Count recordsIn;
    private transient AnalyticsMetrics.Count processed;
    private transient AnalyticsMetrics.Count deadLettered;

    @Override
    public void open(OpenContext openContext) {
        recordsIn = new AnalyticsMetrics.Count(getRuntimeContext(), AnalyticsMetrics.RECORDS_IN);
        processed = new AnalyticsMetrics.Count(getRuntimeContext(), AnalyticsMetrics.PROCESSED);
        deadLettered =
                new AnalyticsMetrics.Count(getRuntimeContext(), AnalyticsMetrics.DEAD_LETTERED);
    }

    @Override
    public void processElement(AnalyticsInput in, Context ctx, Collector<RoutingDecision> out) {
        recordsIn.inc();
        if (in.rejected != null) {
            deadLettered.inc();
            ctx.output(AnalyticsOutputs.REJECTED, in.rejected);
            return;
        }
        processed.inc();
        if (in.decision != null) {
            out.collect(in.decision);
        } else if (in.disposition != null) {
            ctx.output(AnalyticsOutputs.RETURN_DISPOSITIONS, in.disposition);
        } else if (in.countCheck != null) {
            ctx.output(AnalyticsOutputs.COUNT_CHECKS, in.countCheck);
        } else if (in.deadLetter != null) {
            ctx.output(AnalyticsOutputs.DEAD_LETTERS_READ, in.deadLetter);
        }
    }
}

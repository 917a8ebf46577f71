package io.omnistock.analytics.functions;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/**
 * The analytics job's counters, named like the ledger job's. Each is both a Flink metric and an
 * accumulator of the same name (read by the tests through the job client). Every record in is
 * counted once as processed or dead-lettered: {@code records-in = records-processed +
 * records-dead-lettered}.
 */
public final class AnalyticsMetrics {
    public static final String RECORDS_IN = "records-in";
    public static final String PROCESSED = "records-processed";
    public static final String DEAD_LETTERED = "records-dead-lettered";

    /** One count, kept as a metric and as an accumulator. */
    static final class Count {
        private final LongCounter accumulator = new LongCounter();
        private final Counter metric;

        Count(RuntimeContext context, String name) {
            context.addAccumulator(name, accumulator);
            metric = context.getMetricGroup().counter(name);
        }

        void inc() {
            accumulator.add(1);
            metric.inc();
        }

        void add(long n) {
            accumulator.add(n);
            metric.inc(n);
        }
    }

    private AnalyticsMetrics() {}
}

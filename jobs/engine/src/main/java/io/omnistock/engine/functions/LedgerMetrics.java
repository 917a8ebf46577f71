package io.omnistock.engine.functions;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/**
 * The ledger's counters. Each is both a Flink metric (for ops dashboards) and an accumulator of the
 * same name (read live by the demo and the tests through the job client). Every record in is
 * counted once as processed or dead-lettered: {@code records-in = records-processed +
 * records-dead-lettered} once the job has caught up.
 */
public final class LedgerMetrics {
    public static final String RECORDS_IN = "records-in";
    public static final String PROCESSED = "records-processed";
    public static final String DEAD_LETTERED = "records-dead-lettered";
    public static final String APPLIED = "events-applied";
    public static final String DUPLICATES = "events-duplicate";
    public static final String STALE_COUNTS = "counts-stale";
    public static final String SUPERSEDED_DELTAS = "deltas-superseded-by-count";
    public static final String STALE_REVISIONS = "asn-revisions-stale";
    public static final String DISCREPANCIES = "discrepancies";
    public static final String AVAILABILITY_UPDATES = "availability-updates";
    public static final String DECISIONS = "routing-decisions";
    public static final String RETURNS_TRIAGED = "returns-triaged";
    public static final String RETURNS_NOT_RESTOCKED = "returns-not-restocked";

    /**
     * State-backend accesses of the SKU ledger: reads (a get, a contains, or one entry of an
     * iteration), writes (a put, an update, a remove, a clear) and timer registrations. Broadcast
     * node data is on the heap and not counted. The ledger benchmark divides them by the records
     * in.
     */
    public static final String STATE_READS = "state-reads";

    public static final String STATE_WRITES = "state-writes";
    public static final String TIMERS_REGISTERED = "timers-registered";

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

        /** Takes back one count, when a record counted here moves to another count. */
        void dec() {
            accumulator.add(-1);
            metric.dec();
        }
    }

    private LedgerMetrics() {}
}

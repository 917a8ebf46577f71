package io.omnistock.analytics.functions;

import io.omnistock.avro.CountCheck;
import io.omnistock.avro.ReconciliationReport;
import io.omnistock.domain.analytics.MissingPositions;
import io.omnistock.domain.analytics.ReconciliationTally;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation reports of one node (keyed by node id), from its count checks in event time: one
 * per 3PL snapshot batch and one per UTC day of counts without a batch ({@link
 * ReconciliationTally}). Like the metric windows, a report is published provisional (revision 0)
 * when the watermark passes its end, again as a new revision for each late check, final when the
 * watermark passes its end plus the allowed lateness, and again (final, the check counted in {@code
 * lateChecks}) for each check later still while its sums are kept ({@code metrics.late-retention}
 * after it was final); a check later than that is counted ({@value #EXPIRED}) and logged.
 *
 * <p>When a snapshot (the node's batches with one as-of time) is final, its batches are charged
 * with the SKUs of the node's previous final snapshot that none of them counted ({@link
 * MissingPositions}); a late check does not revise that. State per node: the open reports, the SKUs
 * of its open snapshots and those of its last final snapshot: bounded by the node's SKUs times the
 * snapshots within the retention.
 */
public final class ReconcileCountChecksFunction
        extends KeyedProcessFunction<String, CountCheck, ReconciliationReport> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileCountChecksFunction.class);

    /** The counter of checks that came after their report's sums were dropped. */
    public static final String EXPIRED = "count-checks-expired";

    /** Open reports of the node, by record key. */
    static final MapStateDescriptor<String, ReconciliationTally> REPORTS =
            new MapStateDescriptor<>(
                    "reconciliation-reports",
                    Types.STRING,
                    TypeInformation.of(ReconciliationTally.class));

    /** SKUs of the node's open snapshots: {@code <as-of millis>|<sku>} to the batch id. */
    static final MapStateDescriptor<String, String> SNAPSHOT_SKUS =
            new MapStateDescriptor<>("reconciliation-snapshot-skus", Types.STRING, Types.STRING);

    /** SKUs of the node's last final snapshot, to the batch that counted them. */
    static final MapStateDescriptor<String, String> PREVIOUS_SNAPSHOT =
            new MapStateDescriptor<>(
                    "reconciliation-previous-snapshot", Types.STRING, Types.STRING);

    /** The as-of time of the node's last final snapshot. */
    static final ValueStateDescriptor<Long> PREVIOUS_SNAPSHOT_TIME =
            new ValueStateDescriptor<>("reconciliation-previous-snapshot-time", Types.LONG);

    private final long allowedLateness;
    private final long retention;
    private transient MapState<String, ReconciliationTally> reports;
    private transient MapState<String, String> snapshotSkus;
    private transient MapState<String, String> previousSnapshot;
    private transient ValueState<Long> previousSnapshotTime;
    private transient AnalyticsMetrics.Count expired;

    /**
     * @param allowedLateness how long after its end (in event time) a report stays provisional
     * @param retention how long after it is final a report's sums are kept for late checks
     */
    public ReconcileCountChecksFunction(Duration allowedLateness, Duration retention) {
        this.allowedLateness = allowedLateness.toMillis();
        this.retention = retention.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        reports = getRuntimeContext().getMapState(REPORTS);
        snapshotSkus = getRuntimeContext().getMapState(SNAPSHOT_SKUS);
        previousSnapshot = getRuntimeContext().getMapState(PREVIOUS_SNAPSHOT);
        previousSnapshotTime = getRuntimeContext().getState(PREVIOUS_SNAPSHOT_TIME);
        expired = new AnalyticsMetrics.Count(getRuntimeContext(), EXPIRED);
    }

    @Override
    public void processElement(CountCheck check, Context ctx, Collector<ReconciliationReport> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        String key = ReconciliationTally.keyOf(check);
        ReconciliationTally tally = reports.get(key);
        if (tally == null) {
            tally = ReconciliationTally.of(check);
            if (watermark >= saturated(finalAt(tally), retention)) {
                expired.inc();
                LOG.warn(
                        "count check {} of the reconciliation report {} (closing {}) came after"
                                + " its sums were dropped (metrics.late-retention): counted,"
                                + " not in the report",
                        check.getEventId(),
                        key,
                        Instant.ofEpochMilli(tally.end));
                return;
            }
            ctx.timerService().registerEventTimeTimer(tally.end);
            ctx.timerService().registerEventTimeTimer(finalAt(tally));
            ctx.timerService().registerEventTimeTimer(saturated(finalAt(tally), retention));
        }
        tally.add(check);
        if (tally.isBatch() && !tally.closed) {
            snapshotSkus.put(tally.end + "|" + check.getSku(), tally.batchId);
        }
        if (tally.published > 0) { // a late check: a new revision
            boolean provisional = !tally.closed;
            if (tally.closed) {
                tally.lateChecks++;
            }
            out.collect(tally.publish(provisional));
        }
        reports.put(key, tally);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ReconciliationReport> out)
            throws Exception {
        List<ReconciliationTally> closing = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<String, ReconciliationTally> e : reports.entries()) {
            ReconciliationTally tally = e.getValue();
            if (timestamp >= saturated(finalAt(tally), retention)) {
                dropped.add(e.getKey());
            } else if (!tally.closed && timestamp >= finalAt(tally)) {
                closing.add(tally);
            } else if (tally.published == 0 && timestamp >= tally.end) {
                out.collect(tally.publish(true));
                reports.put(e.getKey(), tally);
            }
        }
        chargeMissing(closing);
        for (ReconciliationTally tally : closing) {
            out.collect(tally.publish(false));
            reports.put(tally.key(), tally);
        }
        for (String key : dropped) {
            reports.remove(key);
        }
    }

    /**
     * The batches among {@code closing} form final snapshots: charge each with its missing SKUs and
     * keep the latest as the node's previous snapshot.
     */
    private void chargeMissing(List<ReconciliationTally> closing) throws Exception {
        Map<Long, Map<String, ReconciliationTally>> snapshots = new TreeMap<>();
        for (ReconciliationTally tally : closing) {
            if (tally.isBatch()) {
                snapshots
                        .computeIfAbsent(tally.end, t -> new HashMap<>())
                        .put(tally.batchId, tally);
            }
        }
        for (Map.Entry<Long, Map<String, ReconciliationTally>> snapshot : snapshots.entrySet()) {
            String prefix = snapshot.getKey() + "|";
            Map<String, String> current = new HashMap<>();
            Iterator<Map.Entry<String, String>> skus = snapshotSkus.iterator();
            while (skus.hasNext()) {
                Map.Entry<String, String> e = skus.next();
                if (e.getKey().startsWith(prefix)) {
                    current.put(e.getKey().substring(prefix.length()), e.getValue());
                    skus.remove();
                }
            }
            if (snapshotSkus.isEmpty()) {
                snapshotSkus.clear(); // no open snapshot: no entry left for the node
            }
            Long previousTime = previousSnapshotTime.value();
            if (current.isEmpty() || (previousTime != null && previousTime >= snapshot.getKey())) {
                continue; // final after a later snapshot: not compared
            }
            Map<String, String> previous = new HashMap<>();
            for (Map.Entry<String, String> e : previousSnapshot.entries()) {
                previous.put(e.getKey(), e.getValue());
            }
            MissingPositions.byBatch(previous, current)
                    .forEach(
                            (batch, missing) -> {
                                ReconciliationTally tally = snapshot.getValue().get(batch);
                                if (tally != null) {
                                    tally.missing += missing;
                                }
                            });
            previousSnapshot.clear();
            previousSnapshot.putAll(current);
            previousSnapshotTime.update(snapshot.getKey());
        }
    }

    private long finalAt(ReconciliationTally tally) {
        return saturated(tally.end, allowedLateness);
    }

    private static long saturated(long time, long plus) {
        long sum = time + plus;
        return ((time ^ sum) & (plus ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}

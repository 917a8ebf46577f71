package io.omnistock.domain.analytics;

import io.omnistock.avro.CountCheck;
import io.omnistock.avro.ReconciliationReport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The running sums of one reconciliation report (docs/concepts/analytics.md, Reconciliation
 * reports): the count checks of one 3PL snapshot batch ({@code batch|node|batchId}), or a node's
 * checks without a batch (WMS cycle counts) of one UTC day ({@code day|node|yyyy-mm-dd}). A check
 * counts as matched, over (counted more than expected, by how many units) or short; a mismatched
 * check written before checks carried their expected units is neither over nor short, but unknown.
 * A Flink POJO, kept per report until its late checks can no longer revise it.
 */
public class ReconciliationTally {
    public static final String BATCH = "batch";
    public static final String DAY = "day";

    private static final long DAY_MILLIS = 86_400_000L;

    /** {@link #BATCH} or {@link #DAY}. */
    public String scope;

    public String nodeId;

    /** The batch id ({@link #BATCH}), else null. */
    public String batchId;

    /** The UTC day, yyyy-mm-dd ({@link #DAY}), else null. */
    public String day;

    /**
     * When the report closes in event time: the as-of time of the batch's first check, the end of
     * the day.
     */
    public long end;

    public long counted;
    public long matched;
    public long over;
    public long unitsOver;
    public long shortPositions;
    public long unitsShort;
    public long unknown;
    public long missing;
    public long lateChecks;

    /** Records published so far: the next record's revision. */
    public int published;

    /** Whether a final record was published. */
    public boolean closed;

    public ReconciliationTally() {}

    /** The empty report {@code check} belongs to. */
    public static ReconciliationTally of(CountCheck check) {
        ReconciliationTally t = new ReconciliationTally();
        t.nodeId = check.getNodeId();
        long asOf = check.getEventTime().toEpochMilli();
        if (check.getBatchId() != null) {
            t.scope = BATCH;
            t.batchId = check.getBatchId();
            t.end = asOf;
        } else {
            t.scope = DAY;
            long start = Math.floorDiv(asOf, DAY_MILLIS) * DAY_MILLIS;
            t.day = LocalDate.ofInstant(Instant.ofEpochMilli(start), ZoneOffset.UTC).toString();
            t.end = start + DAY_MILLIS - 1;
        }
        return t;
    }

    /** The key of the report {@code check} belongs to. */
    public static String keyOf(CountCheck check) {
        return of(check).key();
    }

    /** {@code batch|node|batchId} or {@code day|node|yyyy-mm-dd}: the record key. */
    public String key() {
        return scope + '|' + nodeId + '|' + (BATCH.equals(scope) ? batchId : day);
    }

    public boolean isBatch() {
        return BATCH.equals(scope);
    }

    /** Adds one check (of this report) to the sums. */
    public void add(CountCheck check) {
        counted++;
        Long expected = check.getExpected();
        if (expected == null) {
            if (check.getMatched()) {
                matched++;
            } else {
                unknown++;
            }
            return;
        }
        long diff = check.getCounted() - expected;
        if (diff == 0) {
            matched++;
        } else if (diff > 0) {
            over++;
            unitsOver += diff;
        } else {
            shortPositions++;
            unitsShort -= diff;
        }
    }

    /** The next record of this report; counts it as published. */
    public ReconciliationReport publish(boolean provisional) {
        int revision = published++;
        if (!provisional) {
            closed = true;
        }
        return ReconciliationReport.newBuilder()
                .setEventId(key() + '#' + revision)
                .setEventTime(Instant.ofEpochMilli(end))
                .setScope(scope)
                .setNodeId(nodeId)
                .setBatchId(batchId)
                .setDay(day)
                .setRevision(revision)
                .setProvisional(provisional)
                .setPositionsCounted(counted)
                .setPositionsMatched(matched)
                .setPositionsOver(over)
                .setUnitsOver(unitsOver)
                .setPositionsShort(shortPositions)
                .setUnitsShort(unitsShort)
                .setPositionsUnknown(unknown)
                .setPositionsMissing(missing)
                .setLateChecks(lateChecks)
                .build();
    }

    /** The record key of a published report: its eventId without the revision. */
    public static String recordKey(ReconciliationReport report) {
        String id = report.getEventId();
        int hash = id.lastIndexOf('#');
        return hash < 0 ? id : id.substring(0, hash);
    }
}

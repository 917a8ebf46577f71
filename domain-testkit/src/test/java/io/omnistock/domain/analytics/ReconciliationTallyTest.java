package io.omnistock.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.CountCheck;
import io.omnistock.avro.ReconciliationReport;
import io.omnistock.avro.SourceSystem;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reconciliation reports' sums and missing positions, computed by hand. */
class ReconciliationTallyTest {
    private static final Instant SNAPSHOT = Instant.parse("2026-03-02T06:00:00Z");

    @Test
    void aBatchOfFourPositionsTwoMatchOneOverByThreeOneShortByTwo() {
        ReconciliationTally batch = null;
        for (CountCheck check :
                new CountCheck[] {
                    check("sku-1", 10, 10L, "SNAP-7"),
                    check("sku-2", 5, 5L, "SNAP-7"),
                    check("sku-3", 8, 5L, "SNAP-7"),
                    check("sku-4", 1, 3L, "SNAP-7")
                }) {
            if (batch == null) {
                batch = ReconciliationTally.of(check);
            }
            batch.add(check);
        }

        ReconciliationReport report = batch.publish(true);

        assertThat(report.getEventId()).isEqualTo("batch|3pl-1|SNAP-7#0");
        assertThat(ReconciliationTally.recordKey(report)).isEqualTo("batch|3pl-1|SNAP-7");
        assertThat(report.getEventTime()).isEqualTo(SNAPSHOT);
        assertThat(report.getProvisional()).isTrue();
        assertThat(report.getPositionsCounted()).isEqualTo(4);
        assertThat(report.getPositionsMatched()).isEqualTo(2);
        assertThat(report.getPositionsOver()).isEqualTo(1);
        assertThat(report.getUnitsOver()).isEqualTo(3);
        assertThat(report.getPositionsShort()).isEqualTo(1);
        assertThat(report.getUnitsShort()).isEqualTo(2);
        assertThat(batch.publish(false).getRevision()).isEqualTo(1);
    }

    @Test
    void cycleCountsWithoutABatchAreReportedPerNodeAndUtcDay() {
        CountCheck late = check("sku-1", 4, 4L, null);
        late.setEventTime(Instant.parse("2026-03-02T23:59:59Z"));

        ReconciliationTally day = ReconciliationTally.of(late);

        assertThat(day.key()).isEqualTo("day|3pl-1|2026-03-02");
        assertThat(day.end).isEqualTo(Instant.parse("2026-03-03T00:00:00Z").toEpochMilli() - 1);
    }

    @Test
    void aMismatchWrittenBeforeChecksCarriedTheirUnitsIsNeitherOverNorShort() {
        CountCheck old = check("sku-1", 4, null, null);
        old.setMatched(false);
        ReconciliationTally day = ReconciliationTally.of(old);

        day.add(old);

        assertThat(day.publish(true))
                .extracting(
                        ReconciliationReport::getPositionsOver,
                        ReconciliationReport::getPositionsShort,
                        ReconciliationReport::getPositionsUnknown)
                .containsExactly(0L, 0L, 1L);
    }

    @Test
    void aSkuOfThePreviousSnapshotThatNoBatchCountedIsMissingFromItsBatchsSuccessor() {
        Map<String, String> previous =
                Map.of(
                        "sku-1", "SNAP-6-1",
                        "sku-2", "SNAP-6-1",
                        "sku-3", "SNAP-6-2",
                        "sku-4", "SNAP-6-2",
                        "sku-5", "SNAP-6-2");
        Map<String, String> current =
                Map.of(
                        "sku-1", "SNAP-7-1",
                        "sku-2", "SNAP-7-1",
                        "sku-3", "SNAP-7-2",
                        "sku-4", "SNAP-7-2",
                        "sku-6", "SNAP-7-2");

        assertThat(MissingPositions.byBatch(previous, current))
                .containsExactly(Map.entry("SNAP-7-2", 1L));
    }

    @Test
    void aWholePreviousBatchMissingIsChargedToTheFirstBatch() {
        Map<String, String> previous = Map.of("sku-1", "SNAP-6-1", "sku-9", "SNAP-6-9");
        Map<String, String> current = Map.of("sku-1", "SNAP-7-2", "sku-2", "SNAP-7-1");

        assertThat(MissingPositions.byBatch(previous, current))
                .containsExactly(Map.entry("SNAP-7-1", 1L));
        assertThat(MissingPositions.byBatch(Map.of(), current)).isEmpty();
    }

    private static CountCheck check(String sku, long counted, Long expected, String batchId) {
        return CountCheck.newBuilder()
                .setEventId("count-" + sku)
                .setEventTime(SNAPSHOT)
                .setSku(sku)
                .setNodeId("3pl-1")
                .setCounted(counted)
                .setMatched(expected != null && expected == counted)
                .setSource(SourceSystem.THREE_PL)
                .setExpected(expected)
                .setBatchId(batchId)
                .build();
    }
}

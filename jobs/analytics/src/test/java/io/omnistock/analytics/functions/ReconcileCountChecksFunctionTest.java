package io.omnistock.analytics.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.omnistock.avro.CountCheck;
import io.omnistock.avro.ReconciliationReport;
import io.omnistock.avro.SourceSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation reports of one node through the real function: provisional then final, the missing
 * position charged when the snapshot is final, a late check as a new final revision, a check after
 * the retention counted and not published, and the reports' state dropped.
 */
class ReconcileCountChecksFunctionTest {
    private static final long T0 = Instant.parse("2026-03-02T06:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final Duration RETENTION = Duration.ofHours(1);

    private KeyedOneInputStreamOperatorTestHarness<String, CountCheck, ReconciliationReport>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new ReconcileCountChecksFunction(LATENESS, RETENTION)),
                        CountCheck::getNodeId,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aBatchOfFourWithOneMissingIsReportedProvisionalThenFinalAndRevisedByALateCheck()
            throws Exception {
        for (int sku = 1; sku <= 5; sku++) {
            check("sku-" + sku, T0, 7, 7, "SNAP-1");
        }
        long second = T0 + HOUR;
        check("sku-1", second, 10, 10, "SNAP-2");
        check("sku-2", second, 5, 5, "SNAP-2");
        check("sku-3", second, 8, 5, "SNAP-2");
        check("sku-4", second, 1, 3, "SNAP-2");

        harness.processWatermark(second);
        assertThat(reports("SNAP-2"))
                .extracting(
                        ReconciliationReport::getRevision,
                        ReconciliationReport::getProvisional,
                        ReconciliationReport::getPositionsMissing)
                .containsExactly(tuple(0, true, 0L));

        harness.processWatermark(second + LATENESS.toMillis());
        ReconciliationReport closed = last("SNAP-2");
        assertThat(closed.getProvisional()).isFalse();
        assertThat(
                        List.of(
                                closed.getPositionsCounted(),
                                closed.getPositionsMatched(),
                                closed.getPositionsOver(),
                                closed.getUnitsOver(),
                                closed.getPositionsShort(),
                                closed.getUnitsShort(),
                                closed.getPositionsMissing()))
                .containsExactly(4L, 2L, 1L, 3L, 1L, 2L, 1L);
        assertThat(last("SNAP-1").getPositionsMissing()).isZero();

        check("sku-6", second, 2, 2, "SNAP-2"); // after the batch is final
        ReconciliationReport late = last("SNAP-2");
        assertThat(late.getRevision()).isEqualTo(closed.getRevision() + 1);
        assertThat(late.getProvisional()).isFalse();
        assertThat(late.getLateChecks()).isEqualTo(1);
        assertThat(late.getPositionsMatched()).isEqualTo(3);

        harness.processWatermark(second + LATENESS.toMillis() + RETENTION.toMillis());
        int published = harness.extractOutputValues().size();
        check("sku-7", second, 2, 2, "SNAP-2"); // after its sums were dropped

        assertThat(harness.extractOutputValues()).hasSize(published);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries())
                .as("only the node's last final snapshot: its SKUs and its time")
                .isEqualTo(2);
    }

    @Test
    void cycleCountsOfOneUtcDayAreOneReport() throws Exception {
        check("sku-1", T0, 4, 4, null);
        check("sku-2", T0 + 12 * HOUR, 6, 4, null);

        harness.processWatermark(T0 + 24 * HOUR);

        assertThat(harness.extractOutputValues())
                .extracting(
                        ReconciliationReport::getEventId,
                        ReconciliationReport::getPositionsCounted,
                        ReconciliationReport::getUnitsOver,
                        ReconciliationReport::getProvisional)
                .containsExactly(
                        tuple("day|3pl-1|2026-03-02#0", 2L, 2L, true),
                        tuple("day|3pl-1|2026-03-02#1", 2L, 2L, false));
    }

    private List<ReconciliationReport> reports(String batch) {
        return harness.extractOutputValues().stream()
                .filter(r -> batch.equals(r.getBatchId()))
                .toList();
    }

    private ReconciliationReport last(String batch) {
        List<ReconciliationReport> reports = reports(batch);
        return reports.get(reports.size() - 1);
    }

    private void check(String sku, long asOf, long counted, long expected, String batch)
            throws Exception {
        CountCheck c =
                CountCheck.newBuilder()
                        .setEventId(sku + "@" + asOf)
                        .setEventTime(Instant.ofEpochMilli(asOf))
                        .setSku(sku)
                        .setNodeId("3pl-1")
                        .setCounted(counted)
                        .setMatched(counted == expected)
                        .setSource(batch == null ? SourceSystem.WMS : SourceSystem.THREE_PL)
                        .setExpected(expected)
                        .setBatchId(batch)
                        .build();
        harness.processElement(new StreamRecord<>(c, asOf));
    }
}

package io.omnistock.demo.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.ReconciliationReport;
import io.omnistock.demo.report.MetricsSeries.Selection;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report's reconciliation table: the latest reports, highest revision of each. */
class ReconciliationTableTest {
    private static final Instant GENERATED = Instant.parse("2026-03-03T08:00:00Z");
    private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void showsTheHighestRevisionOfEachReportNewestFirst() {
        MetricsSeries series = new MetricsSeries();
        series.add(report("batch|3pl-1|SNAP-2", 1, false, NINE, 4, 2, 3, 2, 1));
        series.add(report("batch|3pl-1|SNAP-2", 0, true, NINE, 3, 2, 3, 0, 0)); // stale
        series.add(
                report(
                        "day|dc-1|2026-03-01",
                        0,
                        false,
                        Instant.parse("2026-03-01T23:59:59.999Z"),
                        3,
                        1,
                        2,
                        1,
                        0));

        String html = MetricsReport.render(series, Selection.DEFAULT, GENERATED);

        Matcher rows =
                Pattern.compile("<tr data-report=\"([^\"]+)\">(.*?)</tr>", Pattern.DOTALL)
                        .matcher(html);
        assertThat(rows.find()).isTrue();
        assertThat(rows.group(1)).isEqualTo("batch|3pl-1|SNAP-2");
        String batch = rows.group(2);
        assertThat(batch)
                .contains("data-metric=\"positionsCounted\" data-value=\"4\"")
                .contains("data-metric=\"positionsMatched\" data-value=\"2\"")
                .contains("data-metric=\"unitsOver\" data-value=\"3\"")
                .contains("data-metric=\"unitsShort\" data-value=\"2\"")
                .contains("data-metric=\"positionsMissing\" data-value=\"1\"")
                .contains("<td>final</td>");
        assertThat(rows.find()).isTrue();
        assertThat(rows.group(1)).isEqualTo("day|dc-1|2026-03-01");
        assertThat(rows.find()).isFalse();
    }

    @Test
    void saysWhenNoReportWasPublished() {
        assertThat(MetricsReport.render(new MetricsSeries(), Selection.DEFAULT, GENERATED))
                .contains("No reconciliation report has been published.");
    }

    private static ReconciliationReport report(
            String key,
            int revision,
            boolean provisional,
            Instant at,
            long counted,
            long matched,
            long unitsOver,
            long unitsShort,
            long missing) {
        String[] parts = key.split("\\|");
        boolean batch = parts[0].equals("batch");
        return ReconciliationReport.newBuilder()
                .setEventId(key + "#" + revision)
                .setEventTime(at)
                .setScope(parts[0])
                .setNodeId(parts[1])
                .setBatchId(batch ? parts[2] : null)
                .setDay(batch ? null : parts[2])
                .setRevision(revision)
                .setProvisional(provisional)
                .setPositionsCounted(counted)
                .setPositionsMatched(matched)
                .setPositionsOver(unitsOver > 0 ? 1 : 0)
                .setUnitsOver(unitsOver)
                .setPositionsShort(unitsShort > 0 ? 1 : 0)
                .setUnitsShort(unitsShort)
                .setPositionsMissing(missing)
                .build();
    }
}

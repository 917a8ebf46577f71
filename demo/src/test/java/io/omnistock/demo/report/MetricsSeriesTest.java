package io.omnistock.demo.report;

import static io.omnistock.demo.report.MetricsFixtures.ELEVEN;
import static io.omnistock.demo.report.MetricsFixtures.NOON;
import static io.omnistock.demo.report.MetricsFixtures.TEN;
import static io.omnistock.demo.report.MetricsFixtures.operations;
import static io.omnistock.demo.report.MetricsFixtures.sustainability;
import static io.omnistock.demo.report.MetricsSeries.ALL;
import static io.omnistock.demo.report.MetricsSeries.HOUR;
import static io.omnistock.demo.report.MetricsSeries.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.SustainabilityMetrics;
import io.omnistock.demo.report.MetricsFixtures.Orders;
import io.omnistock.demo.report.MetricsSeries.Selection;
import io.omnistock.domain.analytics.MetricRecords;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsSeriesTest {

    @Test
    void theHighestRevisionOfAKeyWinsWhateverOrderTheyArriveIn() {
        SustainabilityMetrics r0 = hour(TEN, 0, 10);
        SustainabilityMetrics r1 = hour(TEN, 1, 11);
        SustainabilityMetrics r2 = hour(TEN, 2, 12);

        for (List<SustainabilityMetrics> arrival :
                List.of(List.of(r0, r1, r2), List.of(r2, r0, r1), List.of(r1, r2, r0))) {
            MetricsSeries series = new MetricsSeries();
            arrival.forEach(series::add);

            List<MetricsWindow> windows = series.select(Selection.DEFAULT);

            assertThat(windows).hasSize(1);
            assertThat(windows.get(0).sustainability().getRevision()).isEqualTo(2);
            assertThat(windows.get(0).orders()).isEqualTo(12);
            assertThat(series.records()).isEqualTo(3);
            assertThat(series.superseded() + series.stale()).isEqualTo(2);
        }
    }

    @Test
    void operationsRecordsKeepTheirHighestRevisionToo() {
        MetricsSeries series = new MetricsSeries();

        assertThat(series.add(ops(TEN, 1, 10, 9))).isTrue();
        assertThat(series.add(ops(TEN, 0, 10, 5))).isFalse();

        assertThat(series.select(Selection.DEFAULT).get(0).inventoryAccuracy()).isEqualTo(0.9);
        assertThat(series.stale()).isEqualTo(1);
    }

    @Test
    void aRecordOfTheSameRevisionReplacesTheEarlierOne() {
        MetricsSeries series = new MetricsSeries();
        series.add(hour(TEN, 0, 10));

        assertThat(series.add(hour(TEN, 0, 10))).isTrue();

        assertThat(series.select(Selection.DEFAULT)).hasSize(1);
        assertThat(series.superseded()).isEqualTo(1);
    }

    @Test
    void selectsOneSeriesByWindowSizeRegionAndChannel() {
        MetricsSeries series = new MetricsSeries();
        series.add(sustainability(HOUR, ALL, ALL, TEN, 0, orders(10)));
        series.add(sustainability(HOUR, "EAST", ALL, TEN, 0, orders(4)));
        series.add(sustainability(HOUR, ALL, "WEB", TEN, 0, orders(3)));
        series.add(sustainability(HOUR, "EAST", "WEB", TEN, 0, orders(1)));
        series.add(sustainability(MINUTE, ALL, ALL, TEN, 0, orders(2)));

        assertThat(orders(series, new Selection(HOUR, ALL, ALL))).containsExactly(10L);
        assertThat(orders(series, new Selection(HOUR, "EAST", ALL))).containsExactly(4L);
        assertThat(orders(series, new Selection(HOUR, ALL, "WEB"))).containsExactly(3L);
        assertThat(orders(series, new Selection(HOUR, "EAST", "WEB"))).containsExactly(1L);
        assertThat(orders(series, new Selection(MINUTE, ALL, ALL))).containsExactly(2L);
        assertThat(orders(series, new Selection(HOUR, "WEST", ALL))).isEmpty();
        assertThat(series.regions(HOUR, ALL)).containsExactly("EAST");
        assertThat(series.regions(HOUR, "WEB")).containsExactly("EAST");
        assertThat(series.regions(MINUTE, ALL)).isEmpty();
    }

    @Test
    void aSeriesOfOneWindowSizeIgnoresTheOther() {
        MetricsSeries hourly = MetricsSeries.of(HOUR);

        assertThat(hourly.add(sustainability(MINUTE, ALL, ALL, TEN, 0, orders(2)))).isFalse();
        assertThat(hourly.add(sustainability(HOUR, ALL, ALL, TEN, 0, orders(2)))).isTrue();

        assertThat(hourly.select(new Selection(MINUTE, ALL, ALL))).isEmpty();
        assertThat(hourly.records()).isEqualTo(1);
    }

    @Test
    void windowsAreSortedByStartAndJoinBothRecordsOfTheSameWindow() {
        MetricsSeries series = new MetricsSeries();
        series.add(hour(NOON, 0, 30));
        series.add(ops(ELEVEN, 0, 10, 10));
        series.add(hour(TEN, 0, 10));
        series.add(ops(NOON, 0, 10, 8));

        List<MetricsWindow> windows = series.select(Selection.DEFAULT);

        assertThat(windows).extracting(MetricsWindow::start).containsExactly(TEN, ELEVEN, NOON);
        assertThat(windows.get(0).operations()).isNull();
        assertThat(windows.get(0).inventoryAccuracy()).isNull();
        assertThat(windows.get(1).sustainability()).isNull();
        assertThat(windows.get(1).orders()).isZero();
        assertThat(windows.get(2).orders()).isEqualTo(30);
        assertThat(windows.get(2).inventoryAccuracy()).isEqualTo(0.8);
        assertThat(series.latest(Selection.DEFAULT).start()).isEqualTo(NOON);
        assertThat(windows.get(2).end()).isEqualTo(NOON.plusSeconds(3600));
    }

    @Test
    void aSnapshotIsNotChangedByLaterRecords() {
        MetricsSeries series = new MetricsSeries();
        series.add(hour(TEN, 0, 10));

        MetricsSeries snapshot = series.snapshot();
        series.add(hour(TEN, 1, 11));
        series.add(hour(ELEVEN, 0, 20));

        assertThat(orders(snapshot, Selection.DEFAULT)).containsExactly(10L);
        assertThat(orders(series, Selection.DEFAULT)).containsExactly(11L, 20L);
    }

    @Test
    void theKeyIsTheLedgersRecordKey() {
        assertThat(MetricRecords.key(HOUR, "EAST", "WEB", TEN))
                .isEqualTo("1h|EAST|WEB|2026-03-02T10:00:00Z");
    }

    private static SustainabilityMetrics hour(Instant start, int revision, long orders) {
        return sustainability(HOUR, ALL, ALL, start, revision, orders(orders));
    }

    private static OperationsMetrics ops(Instant start, int revision, long compared, long matched) {
        return operations(HOUR, ALL, ALL, start, revision, 0, 0, compared, matched, Map.of());
    }

    private static Orders orders(long orders) {
        return new Orders(orders, 0.5 * orders, 0, 0, 0, 0, 0, 0);
    }

    private static List<Long> orders(MetricsSeries series, Selection selection) {
        return series.select(selection).stream().map(MetricsWindow::orders).toList();
    }
}

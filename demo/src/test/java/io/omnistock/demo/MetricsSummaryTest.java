package io.omnistock.demo;

import static io.omnistock.demo.report.MetricsFixtures.ELEVEN;
import static io.omnistock.demo.report.MetricsFixtures.TEN;
import static io.omnistock.demo.report.MetricsFixtures.operations;
import static io.omnistock.demo.report.MetricsFixtures.sustainability;
import static io.omnistock.demo.report.MetricsSeries.ALL;
import static io.omnistock.demo.report.MetricsSeries.HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.demo.report.MetricsFixtures.Orders;
import io.omnistock.demo.report.MetricsSeries;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsSummaryTest {

    @Test
    void showsTheLatestClosedHourAndTheTotalsOfEveryHourFromSums() {
        MetricsSeries metrics = MetricsSeries.of(HOUR);
        metrics.add(
                sustainability(HOUR, ALL, ALL, TEN, 0, new Orders(10, 8.0, 1, -1.0, 2, 3, 1, 0)));
        metrics.add(operations(HOUR, ALL, ALL, TEN, 0, 20, 19, 10, 9, Map.of("UNDECODABLE", 2L)));
        metrics.add(
                sustainability(
                        HOUR, ALL, ALL, ELEVEN, 0, new Orders(30, 15.0, 3, 3.0, 9, 6, 3, 3)));
        // no count compared in the last hour: accuracy n/a, not 0
        metrics.add(operations(HOUR, ALL, ALL, ELEVEN, 0, 40, 36, 0, 0, Map.of()));
        // a region's hour is not the network's
        metrics.add(
                sustainability(HOUR, "EAST", ALL, ELEVEN, 0, new Orders(5, 1, 0, 0, 0, 0, 0, 0)));

        String line = MetricsSummary.progressLine(metrics);

        assertThat(line)
                .contains(
                        "metrics | last hour 03-02 11:00: 30 orders, 0.50 kg CO2e/order,"
                                + " 0.10 kg avoided/order, split 10.0%, BOPIS 20%, curbside 10%,"
                                + " ship-from-store 30%, same-day 10%, fill 90.0%, accuracy n/a,"
                                + " on time n/a")
                // 23 kg / 40 orders, 2 kg avoided / 40, 4 split / 40, 55 of 60 units, 9 of 10
                .endsWith(
                        "| hours published 2 (0 provisional, 0 late facts applied): 40 orders,"
                                + " 0.58 kg CO2e/order, 0.05 kg avoided/order, split 10.0%,"
                                + " fill 91.7%, accuracy 90.0%");

        assertThat(MetricsSummary.summaryLine(metrics))
                .contains(
                        "2 hourly windows published, 0 of them provisional (03-02 10:00 to 03-02 12:00 UTC")
                .contains("40 orders routed, 23 kg CO2e (0.58 kg/order), 2 kg avoided")
                .contains(
                        "dead letters stamped in these hours 2; 0 windows revised, 0 facts"
                                + " applied after their window was final");
    }

    @Test
    void comparesTheWindowsWithTheDecisionsFigureByFigure() {
        MetricsSeries metrics = MetricsSeries.of(HOUR);
        metrics.add(
                sustainability(HOUR, ALL, ALL, TEN, 0, new Orders(1, 8.0, 1, -1.0, 0, 0, 0, 0)));
        metrics.add(operations(HOUR, ALL, ALL, TEN, 0, 20, 19, 0, 0, Map.of()));
        RoutingTally.Snapshot same =
                new RoutingTally.Snapshot(1, Map.of(), Map.of(), 1, 1, 8.0, 1, -1.0, 20, 19);
        RoutingTally.Snapshot oneMore =
                new RoutingTally.Snapshot(2, Map.of(), Map.of(), 2, 1, 9.5, 2, -1.0, 25, 24);

        assertThat(MetricsSummary.agreementLine(metrics, same))
                .contains(
                        "they agree; decided orders 1 = 1, routed 1 = 1, split 1 = 1, units"
                                + " allocated 19 = 19, kg CO2e 8.0 = 8.0");
        assertThat(MetricsSummary.agreementLine(metrics, oneMore))
                .contains(
                        "THEY DIFFER; decided orders 1 vs 2, routed 1 vs 2, split 1 = 1, units"
                                + " allocated 19 vs 24, kg CO2e 8.0 vs 9.5");
    }

    @Test
    void saysSoBeforeTheFirstHourCloses() {
        assertThat(MetricsSummary.progressLine(new MetricsSeries()))
                .contains("metrics | no hourly window published yet");
        assertThat(MetricsSummary.summaryLine(new MetricsSeries()))
                .contains("no hourly window published");
    }
}

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
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.SustainabilityMetrics;
import io.omnistock.demo.report.MetricsFixtures.Orders;
import io.omnistock.demo.report.MetricsSeries.Selection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsReportTest {
    private static final String EVIL = "<script>alert(\"x\")</script>";
    private static final Instant GENERATED = Instant.parse("2026-03-03T08:00:00Z");
    private static final double EPS = 1e-12;

    private static final Pattern SVG =
            Pattern.compile(
                    "<svg class=\"chart\" data-metric=\"(\\w+)\"[^>]*>(.*?)</svg>", Pattern.DOTALL);
    private static final Pattern POINT =
            Pattern.compile(
                    "<circle class=\"point(?: provisional)?\" data-series=\"(\\w+)\""
                            + " data-x=\"([^\"]+)\""
                            + " data-y=\"([^\"]+)\"");
    private static final Pattern TOTAL =
            Pattern.compile("data-total=\"(\\w+)\" data-value=\"([^\"]*)\"");
    private static final Pattern JSON_BLOCK =
            Pattern.compile(
                    "<script type=\"application/json\" id=\"report-data\">(.*?)</script>",
                    Pattern.DOTALL);

    @TempDir Path dir;

    /** A plotted value: series, window start, y. */
    private record Point(String series, String x, double y) {}

    /**
     * Two hours of trade plus an empty one, for the network (ALL) and two regions. 10:00 came in
     * twice: revision 0 (10 orders, 8 kg, 0.8 kg/order) was superseded by revision 1.
     */
    private static MetricsSeries twoRegionsThreeHours() {
        MetricsSeries series = new MetricsSeries();
        series.add(
                sustainability(HOUR, ALL, ALL, TEN, 1, new Orders(12, 9.0, 3, -1.2, 6, 3, 0, 2)));
        series.add(
                sustainability(HOUR, ALL, ALL, TEN, 0, new Orders(10, 8.0, 1, -1.0, 3, 2, 1, 1)));
        series.add(
                sustainability(
                        HOUR, ALL, ALL, ELEVEN, 0, new Orders(30, 15.0, 3, 3.0, 9, 6, 3, 0)));
        series.add(sustainability(HOUR, ALL, ALL, NOON, 0, Orders.none()));
        // no count compared at 10:00: accuracy is null there, a gap
        series.add(operations(HOUR, ALL, ALL, TEN, 0, 20, 19, 0, 0, Map.of("UNDECODABLE", 2L)));
        series.add(operations(HOUR, ALL, ALL, ELEVEN, 0, 40, 36, 10, 9, Map.of("UNKNOWN_SKU", 1L)));
        // nothing ordered at noon: fill rate null
        series.add(operations(HOUR, ALL, ALL, NOON, 0, 0, 0, 5, 5, Map.of()));

        series.add(
                sustainability(HOUR, "EAST", ALL, TEN, 0, new Orders(4, 2.0, 1, 0.4, 1, 1, 0, 0)));
        series.add(operations(HOUR, "EAST", ALL, TEN, 0, 8, 8, 4, 3, Map.of()));
        series.add(
                sustainability(HOUR, EVIL, ALL, TEN, 0, new Orders(8, 7.0, 2, -1.6, 5, 2, 0, 2)));
        series.add(operations(HOUR, EVIL, ALL, TEN, 0, 12, 11, 6, 6, Map.of()));
        // another window size: not part of an hourly report
        series.add(
                sustainability(MINUTE, ALL, ALL, TEN, 0, new Orders(1, 100.0, 0, 0, 0, 0, 0, 0)));
        return series;
    }

    @Test
    void writesEveryChartWithOnePointPerValueAndGapsForNullRatios() throws Exception {
        Path out = dir.resolve("report.html");

        int windows =
                MetricsReport.write(twoRegionsThreeHours(), Selection.DEFAULT, out, GENERATED);

        assertThat(windows).isEqualTo(3);
        String html = Files.readString(out, StandardCharsets.UTF_8);
        Map<String, List<Point>> charts = charts(html);
        assertThat(charts.keySet())
                .containsExactly(
                        "co2ePerOrderKg",
                        "co2eAvoidedPerOrderKg",
                        "splitRate",
                        "fulfilmentMix",
                        "inventoryAccuracy",
                        "fillRate",
                        "onTimeShare",
                        "costPerOrder");

        // 10:00 revision 1: 9 kg / 12 orders; 11:00: 15 kg / 30; noon: no order, a gap
        assertPoints(
                charts.get("co2ePerOrderKg"),
                new Point("co2ePerOrderKg", "2026-03-02T10:00:00Z", 0.75),
                new Point("co2ePerOrderKg", "2026-03-02T11:00:00Z", 0.5));
        assertPoints(
                charts.get("co2eAvoidedPerOrderKg"),
                new Point("co2eAvoidedPerOrderKg", "2026-03-02T10:00:00Z", -0.1),
                new Point("co2eAvoidedPerOrderKg", "2026-03-02T11:00:00Z", 0.1));
        assertPoints(
                charts.get("splitRate"),
                new Point("splitRate", "2026-03-02T10:00:00Z", 0.25),
                new Point("splitRate", "2026-03-02T11:00:00Z", 0.1));
        assertPoints(
                charts.get("fulfilmentMix"),
                new Point("shipFromStoreShare", "2026-03-02T10:00:00Z", 0.5),
                new Point("shipFromStoreShare", "2026-03-02T11:00:00Z", 0.3),
                new Point("bopisShare", "2026-03-02T10:00:00Z", 0.25),
                new Point("bopisShare", "2026-03-02T11:00:00Z", 0.2),
                new Point("curbsideShare", "2026-03-02T10:00:00Z", 0.0),
                new Point("curbsideShare", "2026-03-02T11:00:00Z", 0.1),
                new Point("sameDayShare", "2026-03-02T10:00:00Z", 2 / 12.0),
                new Point("sameDayShare", "2026-03-02T11:00:00Z", 0.0));
        // no count compared at 10:00 (null: no point, not 0); 9 of 10 at 11:00; 5 of 5 at noon
        assertPoints(
                charts.get("inventoryAccuracy"),
                new Point("inventoryAccuracy", "2026-03-02T11:00:00Z", 0.9),
                new Point("inventoryAccuracy", "2026-03-02T12:00:00Z", 1.0));
        assertPoints(
                charts.get("fillRate"),
                new Point("fillRate", "2026-03-02T10:00:00Z", 0.95),
                new Point("fillRate", "2026-03-02T11:00:00Z", 0.9));

        // the superseded revision 0 of 10:00 (0.8 kg/order) and the 1m window are nowhere
        assertThat(html).doesNotContain("data-y=\"0.8\"").doesNotContain("data-y=\"100.0\"");
    }

    @Test
    void headlineTotalsAreRecomputedFromSumsNotAveragedRatios() throws Exception {
        Path out = dir.resolve("report.html");
        MetricsReport.write(twoRegionsThreeHours(), Selection.DEFAULT, out, GENERATED);

        Map<String, String> totals = totals(Files.readString(out));

        assertThat(totals.get("windows")).isEqualTo("3");
        assertThat(totals.get("orders")).isEqualTo("42");
        assertThat(Double.parseDouble(totals.get("co2eKg"))).isCloseTo(24.0, within(EPS));
        // Σ kg / Σ orders = 24 / 42, not the mean of 0.75 and 0.5 (0.625)
        assertThat(Double.parseDouble(totals.get("co2ePerOrderKg")))
                .isCloseTo(24.0 / 42, within(EPS));
        assertThat(Double.parseDouble(totals.get("co2eAvoidedKg"))).isCloseTo(1.8, within(EPS));
        assertThat(Double.parseDouble(totals.get("co2eAvoidedPerOrderKg")))
                .isCloseTo(1.8 / 42, within(EPS));
        assertThat(Double.parseDouble(totals.get("splitRate"))).isCloseTo(6 / 42.0, within(EPS));
        assertThat(Double.parseDouble(totals.get("bopisShare"))).isCloseTo(9 / 42.0, within(EPS));
        assertThat(Double.parseDouble(totals.get("fillRate"))).isCloseTo(55 / 60.0, within(EPS));
        // 0 + 9 + 5 matched of 0 + 10 + 5 compared
        assertThat(Double.parseDouble(totals.get("inventoryAccuracy")))
                .isCloseTo(14 / 15.0, within(EPS));
        assertThat(totals.get("deadLetters")).isEqualTo("3");
    }

    @Test
    void embedsThePlottedDataAsJson() throws Exception {
        Path out = dir.resolve("report.html");
        MetricsReport.write(twoRegionsThreeHours(), Selection.DEFAULT, out, GENERATED);
        String html = Files.readString(out);

        Matcher block = JSON_BLOCK.matcher(html);
        assertThat(block.find()).isTrue();
        JsonNode data = new ObjectMapper().readTree(block.group(1));

        assertThat(data.at("/selection/window").asText()).isEqualTo(HOUR);
        assertThat(data.at("/totals/orders").asLong()).isEqualTo(42);
        assertThat(data.at("/totals/co2ePerOrderKg").asDouble()).isCloseTo(24.0 / 42, within(EPS));
        assertThat(data.at("/totals/deadLetters").asLong()).isEqualTo(3);
        // every chart line of the JSON holds the svg's points, plus nulls for the gaps
        Map<String, List<Point>> charts = charts(html);
        for (Map.Entry<String, List<Point>> chart : charts.entrySet()) {
            List<Point> fromJson = new ArrayList<>();
            data.at("/charts/" + chart.getKey())
                    .fields()
                    .forEachRemaining(
                            line -> {
                                assertThat(line.getValue()).hasSize(3);
                                for (JsonNode p : line.getValue()) {
                                    if (!p.get("y").isNull()) {
                                        fromJson.add(
                                                new Point(
                                                        line.getKey(),
                                                        p.get("x").asText(),
                                                        p.get("y").asDouble()));
                                    }
                                }
                            });
            assertThat(fromJson).as(chart.getKey()).isEqualTo(chart.getValue());
        }
        JsonNode accuracy = data.at("/charts/inventoryAccuracy/inventoryAccuracy");
        assertThat(accuracy.get(0).get("x").asText()).isEqualTo("2026-03-02T10:00:00Z");
        assertThat(accuracy.get(0).get("y").isNull()).isTrue();
        assertThat(data.at("/deadLettersByReason/UNDECODABLE").asLong()).isEqualTo(2);
        assertThat(data.at("/deadLettersByReason/UNKNOWN_SKU").asLong()).isEqualTo(1);

        List<String> regions = new ArrayList<>();
        data.get("regions").forEach(r -> regions.add(r.get("region").asText()));
        assertThat(regions).containsExactly(EVIL, "EAST", ALL);
        assertThat(data.at("/regions/1/co2ePerOrderKg").asDouble()).isCloseTo(0.5, within(EPS));
        assertThat(data.at("/regions/1/inventoryAccuracy").asDouble()).isCloseTo(0.75, within(EPS));
    }

    @Test
    void escapesNamesFromTheDataAndLoadsNothingFromOutside() throws Exception {
        Path out = dir.resolve("report.html");
        MetricsReport.write(twoRegionsThreeHours(), Selection.DEFAULT, out, GENERATED);
        String html = Files.readString(out);

        assertThat(html)
                .doesNotContain("<script>alert")
                .contains("<th>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</th>")
                .contains("\\u003cscript\\u003ealert");
        // the only script element is the JSON block; no network: no URL, link or source
        assertThat(html.split("<script", -1)).hasSize(2);
        assertThat(html).doesNotContain("http:").doesNotContain("https:").doesNotContain("<link");
        assertThat(html).doesNotContain(" src=").doesNotContain("@import");
        // the region table: a row per region and the network
        assertThat(html)
                .contains("<tr data-region=\"EAST\">")
                .contains("<tr data-region=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\">")
                .contains("<tr data-region=\"ALL\" class=\"all\">");
    }

    @Test
    void aSelectedRegionNameIsEscapedToo() throws Exception {
        Path out = dir.resolve("region.html");

        int windows =
                MetricsReport.write(
                        twoRegionsThreeHours(), new Selection(HOUR, EVIL, ALL), out, GENERATED);

        String html = Files.readString(out);
        assertThat(windows).isEqualTo(1);
        assertThat(html).doesNotContain("<script>alert");
        assertThat(html).contains("region &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
        assertThat(charts(html).get("co2ePerOrderKg"))
                .containsExactly(new Point("co2ePerOrderKg", "2026-03-02T10:00:00Z", 0.875));
        // dead letters have no region: the headline still shows the network's
        assertThat(totals(html).get("deadLetters")).isEqualTo("3");
    }

    @Test
    void anEmptySeriesStillRendersEveryChartWithoutPoints() throws Exception {
        Path out = dir.resolve("empty.html");

        int windows = MetricsReport.write(new MetricsSeries(), Selection.DEFAULT, out, GENERATED);

        String html = Files.readString(out);
        assertThat(windows).isZero();
        assertThat(charts(html))
                .hasSize(8)
                .allSatisfy((metric, points) -> assertThat(points).isEmpty());
        assertThat(totals(html).get("co2ePerOrderKg")).isEmpty();
        assertThat(html).contains("no values in this series");
    }

    @Test
    void provisionalWindowsAreHollowPointsAndCountedWithTheLateFacts() throws Exception {
        MetricsSeries data = new MetricsSeries();
        data.add(sustainability(HOUR, ALL, ALL, TEN, 2, new Orders(10, 8, 1, 1, 0, 0, 0, 0)));
        OperationsMetrics revised = operations(HOUR, ALL, ALL, TEN, 2, 10, 10, 0, 0, Map.of());
        revised.setLateFacts(4L);
        revised.setLateFactsByKind(Map.of("ROUTED", 4L));
        revised.setDecisionLatency(Map.of("10min-or-more", 2L, "under-1s", 6L));
        data.add(revised);
        SustainabilityMetrics open =
                sustainability(HOUR, ALL, ALL, ELEVEN, 0, new Orders(5, 5, 0, 0, 0, 0, 0, 0));
        open.setProvisional(true);
        data.add(open);

        String html = MetricsReport.render(data, Selection.DEFAULT, GENERATED);

        assertThat(totals(html))
                .containsEntry("provisionalWindows", "1")
                .containsEntry("lateFacts", "4");
        assertThat(html)
                .contains(
                        "<circle class=\"point provisional\" data-series=\"co2ePerOrderKg\""
                                + " data-x=\"2026-03-02T11:00:00Z\"")
                .contains(
                        "<circle class=\"point\" data-series=\"co2ePerOrderKg\""
                                + " data-x=\"2026-03-02T10:00:00Z\"")
                .contains("(provisional)</title>")
                .containsSubsequence(
                        "<tr data-bucket=\"under-1s\"><th>under-1s</th>",
                        "data-value=\"6\"",
                        "data-value=\"0.75\"",
                        "<tr data-bucket=\"10min-or-more\">",
                        "data-value=\"1.0\">100.0%");
        Matcher block = JSON_BLOCK.matcher(html);
        assertThat(block.find()).isTrue();
        JsonNode points =
                new ObjectMapper()
                        .readTree(block.group(1))
                        .at("/charts/co2ePerOrderKg/co2ePerOrderKg");
        assertThat(points.get(0).path("provisional").asBoolean()).isFalse();
        assertThat(points.get(1).path("provisional").asBoolean()).isTrue();
    }

    private static void assertPoints(List<Point> actual, Point... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual.get(i).series()).isEqualTo(expected[i].series());
            assertThat(actual.get(i).x()).isEqualTo(expected[i].x());
            assertThat(actual.get(i).y())
                    .as("%s at %s", expected[i].series(), expected[i].x())
                    .isCloseTo(expected[i].y(), within(EPS));
        }
    }

    /** Each chart's points in document order, by the chart's data-metric. */
    private static Map<String, List<Point>> charts(String html) {
        Map<String, List<Point>> charts = new LinkedHashMap<>();
        Matcher svg = SVG.matcher(html);
        while (svg.find()) {
            List<Point> points = new ArrayList<>();
            Matcher p = POINT.matcher(svg.group(2));
            while (p.find()) {
                points.add(new Point(p.group(1), p.group(2), Double.parseDouble(p.group(3))));
            }
            assertThat(charts.put(svg.group(1), points)).as("one chart per metric").isNull();
        }
        return charts;
    }

    private static Map<String, String> totals(String html) {
        Map<String, String> totals = new LinkedHashMap<>();
        Matcher m = TOTAL.matcher(html);
        while (m.find()) {
            totals.put(m.group(1), m.group(2));
        }
        return totals;
    }
}

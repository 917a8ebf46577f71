package io.omnistock.demo.report;

import static io.omnistock.demo.report.HtmlText.count;
import static io.omnistock.demo.report.HtmlText.esc;
import static io.omnistock.demo.report.HtmlText.kg;
import static io.omnistock.demo.report.HtmlText.number;
import static io.omnistock.demo.report.HtmlText.pct;
import static io.omnistock.demo.report.HtmlText.time;

import io.omnistock.avro.ReconciliationReport;
import io.omnistock.demo.report.MetricsSeries.Selection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders one series of the metric windows as a single self-contained HTML file: no script, style
 * sheet or font from anywhere else, charts drawn here as inline SVG. It holds a headline table
 * (totals recomputed from sums over the series), one chart per figure over time, a per-region table
 * and the dead letters by reason, and the plotted data as JSON in {@code <script
 * type="application/json" id="report-data">}.
 *
 * <p>Each chart is {@code <svg class="chart" data-metric="...">} with one {@code <circle
 * class="point" data-series="..." data-x="windowStart" data-y="value">} per plotted value; a null
 * ratio (denominator 0) is a gap in the line and has no point. Headline cells carry {@code
 * data-total} and {@code data-value}, region rows {@code data-region}. Every text from the data
 * (region and channel names, dead-letter reasons) is escaped.
 *
 * <p>This class assembles the page: headline, tables and the order of the sections. {@link
 * SvgLineChart} draws the charts of {@link MetricChart#CHARTS}, {@link ReportJson} writes the data.
 */
public final class MetricsReport {
    private MetricsReport() {}

    /**
     * Writes the report of {@code selection} to {@code out}.
     *
     * @return the number of windows in the series
     */
    public static int write(MetricsSeries data, Selection selection, Path out, Instant generatedAt)
            throws IOException {
        MetricsSeries snapshot = data.snapshot();
        String html = render(snapshot, selection, generatedAt);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, html, StandardCharsets.UTF_8);
        return snapshot.select(selection).size();
    }

    /** The report of {@code selection} as one HTML document, from a snapshot of {@code data}. */
    public static String render(MetricsSeries series, Selection selection, Instant generatedAt) {
        MetricsSeries data = series.snapshot(); // one consistent view while records arrive
        List<MetricsWindow> windows = data.select(selection);
        MetricsTotals totals = MetricsTotals.of(windows);
        // dead letters have neither region nor channel: they are only in the ALL/ALL series
        MetricsTotals everything =
                MetricsTotals.of(
                        data.select(
                                new Selection(
                                        selection.window(), MetricsSeries.ALL, MetricsSeries.ALL)));
        List<RegionRow> regions = regionRows(data, selection.window());

        StringBuilder h = new StringBuilder(64 * 1024);
        String title =
                "OmniStock metrics: "
                        + selection.window()
                        + " windows, region "
                        + selection.region()
                        + ", channel "
                        + selection.channel();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append(
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(esc(title))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n<h1>")
                .append(esc(title))
                .append("</h1>\n<p class=\"meta\">");
        if (windows.isEmpty()) {
            h.append("No windows of this series have been published yet.");
        } else {
            h.append(windows.size())
                    .append(" windows from ")
                    .append(esc(time(windows.get(0).start())))
                    .append(" to ")
                    .append(esc(time(windows.get(windows.size() - 1).end())))
                    .append(" UTC (event time)");
        }
        h.append(". Generated ")
                .append(esc(time(generatedAt)))
                .append(" UTC from <code>metrics.sustainability</code> and")
                .append(" <code>metrics.operations</code> (read committed, the highest revision of")
                .append(" each window). Totals are recomputed from sums, not averaged ratios;")
                .append(" empty ratios are gaps.</p>\n");

        headline(h, selection, totals, everything);
        for (MetricChart chart : MetricChart.CHARTS) {
            SvgLineChart.render(h, chart, windows, selection.window());
        }
        regionTable(h, selection.window(), regions);
        latencyTable(h, totals);
        deadLetterTable(h, everything);
        reconciliationTable(h, data.latestReconciliation(RECONCILIATION_ROWS));

        h.append("<script type=\"application/json\" id=\"report-data\">")
                .append(ReportJson.of(selection, generatedAt, windows, totals, everything, regions))
                .append("</script>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    // ---- headline ----------------------------------------------------------------------------

    private static void headline(
            StringBuilder h, Selection selection, MetricsTotals t, MetricsTotals everything) {
        h.append("<h2>Totals</h2>\n<table class=\"headline\">\n<tbody>\n");
        total(
                h,
                "windows",
                "Windows",
                t.windows(),
                Long.toString(t.windows()),
                selection.window() + " each, event time");
        total(
                h,
                "orders",
                "Orders routed",
                t.orders(),
                count(t.orders()),
                "ROUTED or PARTIALLY_ROUTED");
        total(
                h,
                "co2eKg",
                "kg CO2e",
                t.co2eKg(),
                kg(t.co2eKg(), 1),
                "all shipments, well-to-wheel");
        total(
                h,
                "co2ePerOrderKg",
                "kg CO2e per order",
                t.co2ePerOrderKg(),
                kg(t.co2ePerOrderKg(), 3),
                "Σ kg CO2e / Σ orders");
        total(
                h,
                "co2eAvoidedKg",
                "kg CO2e avoided",
                t.co2eAvoidedKg(),
                kg(t.co2eAvoidedKg(), 1),
                "vs the cost-only baseline plan; negative: the chosen plans emit more");
        total(
                h,
                "co2eAvoidedPerOrderKg",
                "kg CO2e avoided per order",
                t.co2eAvoidedPerOrderKg(),
                kg(t.co2eAvoidedPerOrderKg(), 3),
                "Σ avoided / Σ orders with a baseline");
        total(
                h,
                "splitRate",
                "Split rate",
                t.splitRate(),
                pct(t.splitRate()),
                "Σ split orders / Σ orders");
        total(
                h,
                "shipFromStoreShare",
                "Ship-from-store",
                t.shipFromStoreShare(),
                pct(t.shipFromStoreShare()),
                "share of orders");
        total(h, "bopisShare", "BOPIS", t.bopisShare(), pct(t.bopisShare()), "share of orders");
        total(
                h,
                "curbsideShare",
                "Curbside",
                t.curbsideShare(),
                pct(t.curbsideShare()),
                "share of orders");
        total(
                h,
                "sameDayShare",
                "Same-day",
                t.sameDayShare(),
                pct(t.sameDayShare()),
                "share of orders");
        total(
                h,
                "fillRate",
                "Fill rate",
                t.fillRate(),
                pct(t.fillRate()),
                "Σ units allocated / Σ units ordered");
        total(
                h,
                "inventoryAccuracy",
                "Inventory accuracy",
                t.inventoryAccuracy(),
                pct(t.inventoryAccuracy()),
                "Σ counts matched / Σ counts compared"
                        + (selection.channel().equals(MetricsSeries.ALL)
                                ? ""
                                : " (counts have no channel: see channel ALL)"));
        total(
                h,
                "onTimeShare",
                "On time against the promise",
                t.onTimeShare(),
                pct(t.onTimeShare()),
                "routed orders whose planned ETAs keep the promise / Σ orders");
        total(
                h,
                "costPerOrder",
                "Cost per order",
                t.costPerOrder(),
                t.costPerOrder() == null
                        ? "n/a"
                        : String.format(java.util.Locale.ROOT, "%,.2f", t.costPerOrder()),
                "Σ cost of the chosen plans / Σ orders, in the network's cost units");
        total(
                h,
                "costOverBaselineShare",
                "Cost above the cost-only baseline",
                t.costOverBaselineShare(),
                pct(t.costOverBaselineShare()),
                "Σ (chosen - baseline cost) / Σ baseline cost, over "
                        + count(t.ordersWithBaselineCost())
                        + " orders whose decision carries the baseline's cost");
        total(
                h,
                "deadLetters",
                "Dead letters in these windows",
                everything.deadLetters(),
                count(everything.deadLetters()),
                "records on the deadletter topic (either job) whose failed record's time falls in"
                        + " these windows, all regions and channels (a dead letter has neither);"
                        + " not those of windows not yet published");
        total(
                h,
                "provisionalWindows",
                "Provisional windows",
                t.provisionalWindows(),
                count(t.provisionalWindows()),
                "late facts within metrics.allowed-lateness may still change them (hollow points)");
        total(
                h,
                "lateFacts",
                "Late facts",
                t.lateFacts(),
                count(t.lateFacts()),
                "arrived after their window was final; applied as a new revision, in the figures"
                        + " above");
        h.append("</tbody>\n</table>\n");
    }

    private static void total(
            StringBuilder h, String key, String label, Number value, String shown, String note) {
        h.append("<tr><th>")
                .append(esc(label))
                .append("</th><td class=\"num\" data-total=\"")
                .append(key)
                .append("\" data-value=\"")
                .append(value == null ? "" : number(value))
                .append("\">")
                .append(esc(shown))
                .append("</td><td class=\"note\">")
                .append(esc(note))
                .append("</td></tr>\n");
    }

    // ---- tables ------------------------------------------------------------------------------

    /** One region's sums over every window of the size, from its ALL-channel records. */
    record RegionRow(String region, MetricsTotals totals) {}

    private static List<RegionRow> regionRows(MetricsSeries data, String window) {
        List<RegionRow> rows = new ArrayList<>();
        for (String region : data.regions(window, MetricsSeries.ALL)) {
            rows.add(
                    new RegionRow(
                            region,
                            MetricsTotals.of(
                                    data.select(
                                            new Selection(window, region, MetricsSeries.ALL)))));
        }
        rows.add(
                new RegionRow(
                        MetricsSeries.ALL,
                        MetricsTotals.of(
                                data.select(
                                        new Selection(
                                                window, MetricsSeries.ALL, MetricsSeries.ALL)))));
        return rows;
    }

    private static void regionTable(StringBuilder h, String window, List<RegionRow> rows) {
        h.append("<h2>By region</h2>\n<p class=\"note\">Every ")
                .append(esc(window))
                .append(" window of each region over all channels; ALL is the whole network.</p>\n")
                .append("<table class=\"regions\">\n<thead><tr><th>Region</th><th>Orders</th>")
                .append("<th>kg CO2e / order</th><th>kg avoided / order</th><th>Split rate</th>")
                .append("<th>Fill rate</th><th>Inventory accuracy</th></tr></thead>\n<tbody>\n");
        for (RegionRow row : rows) {
            MetricsTotals t = row.totals();
            h.append("<tr data-region=\"")
                    .append(esc(row.region()))
                    .append("\"")
                    .append(row.region().equals(MetricsSeries.ALL) ? " class=\"all\"" : "")
                    .append("><th>")
                    .append(esc(row.region()))
                    .append("</th>");
            cell(h, "orders", t.orders(), count(t.orders()));
            cell(h, "co2ePerOrderKg", t.co2ePerOrderKg(), kg(t.co2ePerOrderKg(), 3));
            cell(
                    h,
                    "co2eAvoidedPerOrderKg",
                    t.co2eAvoidedPerOrderKg(),
                    kg(t.co2eAvoidedPerOrderKg(), 3));
            cell(h, "splitRate", t.splitRate(), pct(t.splitRate()));
            cell(h, "fillRate", t.fillRate(), pct(t.fillRate()));
            cell(h, "inventoryAccuracy", t.inventoryAccuracy(), pct(t.inventoryAccuracy()));
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void cell(StringBuilder h, String key, Number value, String shown) {
        h.append("<td class=\"num\" data-metric=\"")
                .append(key)
                .append("\" data-value=\"")
                .append(value == null ? "" : number(value))
                .append("\">")
                .append(esc(shown))
                .append("</td>");
    }

    private static void latencyTable(StringBuilder h, MetricsTotals t) {
        h.append(
                        "<h2>Order-to-decision latency</h2>\n<p class=\"note\">Final decisions by the time")
                .append(
                        " from the order's time to the decision's record on orders.decisions, summed")
                .append(" over the windows. It is the latency a customer sees only when orders")
                .append(" arrive in real time: replayed or simulated orders (the demo's) land in")
                .append(" the last bucket.</p>\n");
        long all = t.decisionLatency().values().stream().mapToLong(Long::longValue).sum();
        if (all == 0) {
            h.append("<p class=\"note\">No decision with a latency in these windows.</p>\n");
            return;
        }
        h.append("<table class=\"latency\">\n<thead><tr><th>Latency</th><th>Decisions</th>")
                .append("<th>Cumulative share</th></tr></thead>\n<tbody>\n");
        long cumulative = 0;
        for (Map.Entry<String, Long> e : t.decisionLatency().entrySet()) {
            cumulative += e.getValue();
            h.append("<tr data-bucket=\"")
                    .append(esc(e.getKey()))
                    .append("\"><th>")
                    .append(esc(e.getKey()))
                    .append("</th>");
            cell(h, "decisions", e.getValue(), count(e.getValue()));
            double share = (double) cumulative / all;
            cell(h, "cumulativeShare", share, pct(share));
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void deadLetterTable(StringBuilder h, MetricsTotals everything) {
        h.append("<h2>Dead letters by reason</h2>\n");
        if (everything.deadLettersByReason().isEmpty()) {
            h.append("<p class=\"note\">None in these windows.</p>\n");
            return;
        }
        h.append("<table class=\"dead-letters\">\n<thead><tr><th>Reason</th><th>Records</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (Map.Entry<String, Long> e : everything.deadLettersByReason().entrySet()) {
            h.append("<tr data-reason=\"")
                    .append(esc(e.getKey()))
                    .append("\"><th>")
                    .append(esc(e.getKey()))
                    .append("</th>");
            cell(h, "deadLetters", e.getValue(), count(e.getValue()));
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /** How many reconciliation reports the table shows: the latest. */
    static final int RECONCILIATION_ROWS = 20;

    private static void reconciliationTable(StringBuilder h, List<ReconciliationReport> reports) {
        h.append("<h2>Reconciliation</h2>\n<p class=\"note\">The latest ")
                .append(RECONCILIATION_ROWS)
                .append(" reports of metrics.reconciliation: per 3PL snapshot batch and per node")
                .append(" and UTC day of cycle counts, counts against what the ledger expected;")
                .append(" missing: SKUs of the node's previous snapshot no batch counted.</p>\n");
        if (reports.isEmpty()) {
            h.append("<p class=\"note\">No reconciliation report has been published.</p>\n");
            return;
        }
        h.append("<table class=\"reconciliation\">\n<thead><tr><th>Report</th><th>Node</th>")
                .append("<th>Time (UTC)</th><th>Counted</th><th>Matched</th><th>Over</th>")
                .append("<th>Units over</th><th>Short</th><th>Units short</th><th>Missing</th>")
                .append("<th>Status</th></tr></thead>\n<tbody>\n");
        for (ReconciliationReport r : reports) {
            String name = r.getBatchId() != null ? r.getBatchId() : r.getDay();
            h.append("<tr data-report=\"")
                    .append(esc(r.getScope() + "|" + r.getNodeId() + "|" + name))
                    .append("\"><th>")
                    .append(esc(r.getScope() + " " + name))
                    .append("</th><td>")
                    .append(esc(r.getNodeId()))
                    .append("</td><td>")
                    .append(esc(time(r.getEventTime())))
                    .append("</td>");
            cell(h, "positionsCounted", r.getPositionsCounted(), count(r.getPositionsCounted()));
            cell(h, "positionsMatched", r.getPositionsMatched(), count(r.getPositionsMatched()));
            cell(h, "positionsOver", r.getPositionsOver(), count(r.getPositionsOver()));
            cell(h, "unitsOver", r.getUnitsOver(), count(r.getUnitsOver()));
            cell(h, "positionsShort", r.getPositionsShort(), count(r.getPositionsShort()));
            cell(h, "unitsShort", r.getUnitsShort(), count(r.getUnitsShort()));
            cell(h, "positionsMissing", r.getPositionsMissing(), count(r.getPositionsMissing()));
            h.append("<td>")
                    .append(r.getProvisional() ? "provisional" : "final")
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static final String CSS =
            """
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
                   color: #222; background: #fafafa; margin: 0; }
            main { max-width: 900px; margin: 0 auto; padding: 16px 20px 48px; }
            h1 { font-size: 22px; margin: 12px 0 4px; }
            h2 { font-size: 16px; margin: 28px 0 4px; }
            .meta, .note { color: #555; margin: 2px 0 8px; }
            table { border-collapse: collapse; background: #fff; }
            th, td { border: 1px solid #ddd; padding: 4px 10px; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            td.note { color: #666; font-size: 12px; }
            thead th { background: #f0f0f0; }
            tr.all th, tr.all td { font-weight: 600; background: #f6f6f6; }
            svg.chart { width: 100%; height: auto; background: #fff; border: 1px solid #ddd; }
            svg .plot { fill: none; stroke: #ccc; }
            svg .grid { stroke: #eee; }
            svg .tick { stroke: #bbb; }
            svg .zero { stroke: #999; stroke-dasharray: 4 3; }
            svg .axis { fill: #666; font-size: 11px; }
            svg .empty { fill: #999; font-size: 14px; }
            svg .line { fill: none; stroke-width: 1.6; }
            .legend span { margin-right: 14px; white-space: nowrap; }
            .legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px;
                        vertical-align: -1px; border-radius: 2px; }
            """;
}

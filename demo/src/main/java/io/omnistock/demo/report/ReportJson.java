package io.omnistock.demo.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnistock.demo.report.MetricChart.Line;
import io.omnistock.demo.report.MetricsReport.RegionRow;
import io.omnistock.demo.report.MetricsSeries.Selection;
import java.time.Instant;
import java.util.List;

/**
 * The report's data as JSON for its {@code <script type="application/json">} block: selection,
 * totals, every chart line (one point per window, y null at a gap), region rows and dead letters by
 * reason. Ratios that are null or not finite are JSON null.
 */
final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {}

    /**
     * The JSON text, safe inside a {@code <script>} element.
     *
     * @param t the totals of the selected series
     * @param everything the totals of the ALL/ALL series, for the dead letters
     */
    static String of(
            Selection selection,
            Instant generatedAt,
            List<MetricsWindow> windows,
            MetricsTotals t,
            MetricsTotals everything,
            List<RegionRow> regions) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode sel = root.putObject("selection");
        sel.put("window", selection.window());
        sel.put("region", selection.region());
        sel.put("channel", selection.channel());
        root.put("generatedAt", generatedAt.toString());

        ObjectNode totals = root.putObject("totals");
        totals.put("windows", t.windows());
        totals.put("orders", t.orders());
        totals.put("co2eKg", t.co2eKg());
        putRatio(totals, "co2ePerOrderKg", t.co2ePerOrderKg());
        totals.put("co2eAvoidedKg", t.co2eAvoidedKg());
        putRatio(totals, "co2eAvoidedPerOrderKg", t.co2eAvoidedPerOrderKg());
        putRatio(totals, "splitRate", t.splitRate());
        putRatio(totals, "shipFromStoreShare", t.shipFromStoreShare());
        putRatio(totals, "bopisShare", t.bopisShare());
        putRatio(totals, "curbsideShare", t.curbsideShare());
        putRatio(totals, "sameDayShare", t.sameDayShare());
        putRatio(totals, "fillRate", t.fillRate());
        putRatio(totals, "inventoryAccuracy", t.inventoryAccuracy());
        totals.put("deadLetters", everything.deadLetters());
        totals.put("provisionalWindows", t.provisionalWindows());
        totals.put("lateFacts", t.lateFacts());
        putRatio(totals, "costPerOrder", t.costPerOrder());
        putRatio(totals, "onTimeShare", t.onTimeShare());
        putRatio(totals, "costOverBaselineShare", t.costOverBaselineShare());
        ObjectNode latency = totals.putObject("decisionLatency");
        t.decisionLatency().forEach(latency::put);

        ObjectNode charts = root.putObject("charts");
        for (MetricChart chart : MetricChart.CHARTS) {
            ObjectNode lines = charts.putObject(chart.metric());
            for (Line line : chart.lines()) {
                ArrayNode points = lines.putArray(line.metric());
                for (MetricsWindow w : windows) {
                    ObjectNode p = points.addObject();
                    p.put("x", w.start().toString());
                    putRatio(p, "y", line.at(w));
                    p.put("provisional", w.provisional());
                }
            }
        }

        ArrayNode regionRows = root.putArray("regions");
        for (RegionRow row : regions) {
            ObjectNode r = regionRows.addObject();
            r.put("region", row.region());
            r.put("orders", row.totals().orders());
            putRatio(r, "co2ePerOrderKg", row.totals().co2ePerOrderKg());
            putRatio(r, "co2eAvoidedPerOrderKg", row.totals().co2eAvoidedPerOrderKg());
            putRatio(r, "splitRate", row.totals().splitRate());
            putRatio(r, "fillRate", row.totals().fillRate());
            putRatio(r, "inventoryAccuracy", row.totals().inventoryAccuracy());
        }
        ObjectNode reasons = root.putObject("deadLettersByReason");
        everything.deadLettersByReason().forEach(reasons::put);

        try {
            // inside <script>, "</script" or "<!--" would end or confuse the element: escape < > &
            // (they only occur inside JSON strings, where \\u escapes mean the same characters)
            return JSON.writeValueAsString(root)
                    .replace("<", "\\u003c")
                    .replace(">", "\\u003e")
                    .replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report's JSON", e);
        }
    }

    private static void putRatio(ObjectNode node, String field, Double value) {
        if (value == null || !Double.isFinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}

package io.omnistock.demo;

import io.omnistock.demo.report.MetricsSeries;
import io.omnistock.demo.report.MetricsSeries.Selection;
import io.omnistock.demo.report.MetricsTotals;
import io.omnistock.demo.report.MetricsWindow;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The demo's lines about the metric windows: the latest published hour of the whole network (region
 * and channel ALL) and the totals over every published hour, recomputed from sums, with how many
 * are still provisional and how many facts came after their window was final.
 */
final class MetricsSummary {
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private MetricsSummary() {}

    /** The live progress line. */
    static String progressLine(MetricsSeries metrics) {
        List<MetricsWindow> hours = metrics.select(Selection.DEFAULT);
        if (hours.isEmpty()) {
            return "      | metrics | no hourly window published yet (a window is published,"
                    + " provisional, once the metric watermark passes its end)";
        }
        MetricsWindow last = hours.get(hours.size() - 1);
        MetricsTotals hour = MetricsTotals.of(List.of(last));
        MetricsTotals all = MetricsTotals.of(hours);
        return String.format(
                Locale.ROOT,
                "      | metrics | last hour %s%s: %,d orders, %s kg CO2e/order, %s kg"
                        + " avoided/order, split %s, BOPIS %s, curbside %s, ship-from-store %s,"
                        + " same-day %s, fill %s, accuracy %s, on time %s | hours published %d"
                        + " (%d provisional, %,d late facts applied): %,d orders, %s kg"
                        + " CO2e/order, %s kg avoided/order, split %s, fill %s, accuracy %s",
                HOUR.format(last.start()),
                last.provisional() ? " (provisional)" : "",
                hour.orders(),
                kg(hour.co2ePerOrderKg()),
                kg(hour.co2eAvoidedPerOrderKg()),
                pct(hour.splitRate()),
                pct0(hour.bopisShare()),
                pct0(hour.curbsideShare()),
                pct0(hour.shipFromStoreShare()),
                pct0(hour.sameDayShare()),
                pct(hour.fillRate()),
                pct(hour.inventoryAccuracy()),
                pct(hour.onTimeShare()),
                hours.size(),
                all.provisionalWindows(),
                all.lateFacts(),
                all.orders(),
                kg(all.co2ePerOrderKg()),
                kg(all.co2eAvoidedPerOrderKg()),
                pct(all.splitRate()),
                pct(all.fillRate()),
                pct(all.inventoryAccuracy()));
    }

    /** The summary's line: totals over every closed hour of the whole network. */
    static String summaryLine(MetricsSeries metrics) {
        List<MetricsWindow> hours = metrics.select(Selection.DEFAULT);
        if (hours.isEmpty()) {
            return "  metrics: no hourly window published (a window is published, provisional, once"
                    + " the metric watermark passes its end)\n";
        }
        MetricsTotals t = MetricsTotals.of(hours);
        long revised =
                hours.stream()
                        .filter(
                                w ->
                                        (w.sustainability() != null
                                                        && w.sustainability().getRevision() > 0)
                                                || (w.operations() != null
                                                        && w.operations().getRevision() > 0))
                        .count();
        return String.format(
                Locale.ROOT,
                "  metrics: %d hourly windows published, %d of them provisional (%s to %s UTC, all"
                        + " regions and channels): %,d orders routed, %,.0f kg CO2e (%s kg/order),"
                        + " %,.0f kg avoided (%s kg/order), split %s, ship-from-store %s, BOPIS %s,"
                        + " curbside %s, same-day %s, fill %s, inventory accuracy %s, on time %s,"
                        + " cost %s/order; dead letters stamped in these hours %,d; %d windows"
                        + " revised, %,d facts applied after their window was final%n",
                hours.size(),
                t.provisionalWindows(),
                HOUR.format(hours.get(0).start()),
                HOUR.format(hours.get(hours.size() - 1).end()),
                t.orders(),
                t.co2eKg(),
                kg(t.co2ePerOrderKg()),
                t.co2eAvoidedKg(),
                kg(t.co2eAvoidedPerOrderKg()),
                pct(t.splitRate()),
                pct0(t.shipFromStoreShare()),
                pct0(t.bopisShare()),
                pct0(t.curbsideShare()),
                pct0(t.sameDayShare()),
                pct(t.fillRate()),
                pct(t.inventoryAccuracy()),
                pct(t.onTimeShare()),
                kg(t.costPerOrder()),
                t.deadLetters(),
                revised,
                t.lateFacts());
    }

    /**
     * The metric windows' totals against the same figures counted from {@code orders.decisions}:
     * once every window is final they agree to the order, and the line says so or names the gap.
     */
    static String agreementLine(MetricsSeries metrics, RoutingTally.Snapshot decisions) {
        MetricsTotals t = MetricsTotals.of(metrics.select(Selection.DEFAULT));
        boolean co2eEqual =
                Math.abs(t.co2eKg() - decisions.co2eKg()) < 1e-6 * Math.max(1, decisions.co2eKg());
        List<String> figures =
                List.of(
                        compared("decided orders", t.decisions(), decisions.orders()),
                        compared("routed", t.orders(), decisions.routed()),
                        compared("split", t.splitOrders(), decisions.split()),
                        compared("units allocated", t.unitsAllocated(), decisions.unitsAllocated()),
                        String.format(
                                Locale.ROOT,
                                "kg CO2e %,.1f %s %,.1f",
                                t.co2eKg(),
                                co2eEqual ? "=" : "vs",
                                decisions.co2eKg()));
        boolean agree = co2eEqual && figures.stream().noneMatch(f -> f.contains(" vs "));
        String verdict =
                agree
                        ? "they agree"
                        : t.provisionalWindows() > 0
                                ? "not yet equal ("
                                        + t.provisionalWindows()
                                        + " windows provisional)"
                                : "THEY DIFFER";
        return String.format(
                "  metric windows against orders.decisions: %s; %s%n",
                verdict, String.join(", ", figures));
    }

    /** {@code routed 12 = 12} or {@code routed 12 vs 13}. */
    private static String compared(String figure, long windows, long decisions) {
        return String.format(
                Locale.ROOT,
                "%s %,d %s %,d",
                figure,
                windows,
                windows == decisions ? "=" : "vs",
                decisions);
    }

    private static String kg(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String pct(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String pct0(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }
}

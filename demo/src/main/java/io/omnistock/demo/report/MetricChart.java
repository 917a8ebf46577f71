package io.omnistock.demo.report;

import java.util.List;
import java.util.function.Function;

/**
 * One chart of the report: the figures it plots over the windows of a series, as one line each.
 *
 * @param metric the chart's {@code data-metric} and its key in the report's JSON
 * @param note one sentence on what the figure means, shown under the title
 */
record MetricChart(String metric, String title, String note, Unit unit, List<Line> lines) {

    /**
     * How values are scaled and shown: kg or a plain amount (axis includes 0), or a share in [0,
     * 1].
     */
    enum Unit {
        KG,
        PERCENT,
        AMOUNT
    }

    /** One line of a chart: a figure of each window, null where the window has none. */
    record Line(String metric, String label, String colour, Function<MetricsWindow, Double> value) {

        /** The figure of {@code w}, null when it has none or it is not finite: a gap. */
        Double at(MetricsWindow w) {
            Double v = value.apply(w);
            return v == null || !Double.isFinite(v) ? null : v;
        }
    }

    /** The report's charts, in page order. */
    static final List<MetricChart> CHARTS =
            List.of(
                    single(
                            "co2ePerOrderKg",
                            "kg CO2e per order",
                            "Well-to-wheel kg CO2e of the shipments of the orders routed in the"
                                    + " window, per order.",
                            Unit.KG,
                            MetricsWindow::co2ePerOrderKg),
                    single(
                            "co2eAvoidedPerOrderKg",
                            "kg CO2e avoided per order",
                            "Cost-only baseline plan minus the chosen plan, per order with a"
                                    + " baseline; below 0 the chosen plans emit more.",
                            Unit.KG,
                            MetricsWindow::co2eAvoidedPerOrderKg),
                    single(
                            "splitRate",
                            "Split rate",
                            "Share of routed orders sent in more than one shipment.",
                            Unit.PERCENT,
                            MetricsWindow::splitRate),
                    new MetricChart(
                            "fulfilmentMix",
                            "Fulfilment method mix",
                            "Share of routed orders: home delivery shipped from a store or dark"
                                    + " store, picked up in store, at the curb, delivered the same"
                                    + " day. No order is in two shares; the rest is home delivery"
                                    + " from DCs and 3PLs.",
                            Unit.PERCENT,
                            List.of(
                                    new Line(
                                            "shipFromStoreShare",
                                            "ship-from-store",
                                            "#1b6ca8",
                                            MetricsWindow::shipFromStoreShare),
                                    new Line(
                                            "bopisShare",
                                            "BOPIS",
                                            "#d1495b",
                                            MetricsWindow::bopisShare),
                                    new Line(
                                            "curbsideShare",
                                            "curbside",
                                            "#edae49",
                                            MetricsWindow::curbsideShare),
                                    new Line(
                                            "sameDayShare",
                                            "same-day",
                                            "#00798c",
                                            MetricsWindow::sameDayShare))),
                    single(
                            "inventoryAccuracy",
                            "Inventory accuracy",
                            "Share of cycle counts and 3PL snapshots that matched the ledger"
                                    + " (counts have a region but no channel).",
                            Unit.PERCENT,
                            MetricsWindow::inventoryAccuracy),
                    single(
                            "fillRate",
                            "Fill rate",
                            "Units allocated over units ordered.",
                            Unit.PERCENT,
                            MetricsWindow::fillRate),
                    single(
                            "onTimeShare",
                            "On time against the promise",
                            "Share of routed orders whose every allocated line's ETA is at or"
                                    + " before the order's promise, as planned.",
                            Unit.PERCENT,
                            MetricsWindow::onTimeShare),
                    single(
                            "costPerOrder",
                            "Cost per order",
                            "Cost of the chosen plans of the orders routed in the window, per"
                                    + " order, in the network's cost units.",
                            Unit.AMOUNT,
                            MetricsWindow::costPerOrder));

    /** A chart of one line, named and titled like the chart. */
    private static MetricChart single(
            String metric,
            String title,
            String note,
            Unit unit,
            Function<MetricsWindow, Double> value) {
        return new MetricChart(
                metric, title, note, unit, List.of(new Line(metric, title, "#1b6ca8", value)));
    }
}

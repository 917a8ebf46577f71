package io.omnistock.demo.report;

import static io.omnistock.demo.report.HtmlText.esc;
import static io.omnistock.demo.report.HtmlText.kg;
import static io.omnistock.demo.report.HtmlText.number;
import static io.omnistock.demo.report.HtmlText.pct;

import io.omnistock.demo.report.MetricChart.Line;
import io.omnistock.demo.report.MetricChart.Unit;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link MetricChart} over the windows of a series as a {@code <section class="figure">}:
 * title, note, legend (several lines only) and an inline SVG with a round y scale, round UTC time
 * ticks, one path per line and one {@code <circle class="point">} per value. The x axis is the
 * windows' start times; a line breaks at a missing value or window.
 */
final class SvgLineChart {
    private static final DateTimeFormatter AXIS_TIME =
            DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final int WIDTH = 760;
    private static final int HEIGHT = 240;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 14;
    private static final int BOTTOM = 34;
    private static final int PLOT_RIGHT = WIDTH - RIGHT;
    private static final int PLOT_BOTTOM = HEIGHT - BOTTOM;

    private static final long[] TIME_STEPS = {
        Duration.ofMinutes(1).toMillis(),
        Duration.ofMinutes(5).toMillis(),
        Duration.ofMinutes(15).toMillis(),
        Duration.ofMinutes(30).toMillis(),
        Duration.ofHours(1).toMillis(),
        Duration.ofHours(3).toMillis(),
        Duration.ofHours(6).toMillis(),
        Duration.ofHours(12).toMillis(),
        Duration.ofDays(1).toMillis(),
        Duration.ofDays(2).toMillis(),
        Duration.ofDays(7).toMillis(),
        Duration.ofDays(14).toMillis(),
        Duration.ofDays(28).toMillis()
    };

    private final StringBuilder h;
    private final MetricChart chart;
    private final List<MetricsWindow> windows;
    private final Scale y;
    private final long t0;
    private final long t1;

    private SvgLineChart(StringBuilder h, MetricChart chart, List<MetricsWindow> windows, Scale y) {
        this.h = h;
        this.chart = chart;
        this.windows = windows;
        this.y = y;
        this.t0 = windows.get(0).start().toEpochMilli();
        this.t1 = windows.get(windows.size() - 1).start().toEpochMilli();
    }

    /**
     * Appends the figure of {@code chart} to {@code h}; with no value in {@code windows} the plot
     * area says so.
     *
     * @param window the window size, for the chart's label
     */
    static void render(
            StringBuilder h, MetricChart chart, List<MetricsWindow> windows, String window) {
        heading(h, chart, window);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Line line : chart.lines()) {
            for (MetricsWindow w : windows) {
                Double v = line.at(w);
                if (v != null) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        h.append("<rect class=\"plot\" x=\"")
                .append(LEFT)
                .append("\" y=\"")
                .append(TOP)
                .append("\" width=\"")
                .append(PLOT_RIGHT - LEFT)
                .append("\" height=\"")
                .append(PLOT_BOTTOM - TOP)
                .append("\"/>\n");
        if (lo > hi) {
            h.append("<text class=\"empty\" x=\"")
                    .append(WIDTH / 2)
                    .append("\" y=\"")
                    .append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\">no values in this series</text>\n</svg>\n")
                    .append("</section>\n");
            return;
        }
        new SvgLineChart(h, chart, windows, Scale.nice(lo, hi, chart.unit())).plot();
    }

    /** The section's title, note and legend, and the opening {@code <svg>} tag. */
    private static void heading(StringBuilder h, MetricChart chart, String window) {
        h.append("<section class=\"figure\">\n<h2>")
                .append(esc(chart.title()))
                .append("</h2>\n<p class=\"note\">")
                .append(esc(chart.note()))
                .append("</p>\n");
        if (chart.lines().size() > 1) {
            h.append("<p class=\"legend\">");
            for (Line line : chart.lines()) {
                h.append("<span><i style=\"background:")
                        .append(line.colour())
                        .append("\"></i>")
                        .append(esc(line.label()))
                        .append("</span>");
            }
            h.append("</p>\n");
        }
        h.append("<svg class=\"chart\" data-metric=\"")
                .append(chart.metric())
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"")
                .append(esc(chart.title() + " per " + window + " window"))
                .append("\">\n");
    }

    private void plot() {
        yAxis();
        xAxis();
        double radius = windows.size() > 400 ? 1.2 : 2.6;
        for (Line line : chart.lines()) {
            path(line);
            points(line, radius);
        }
        h.append("</svg>\n</section>\n");
    }

    /** Grid lines and labels at the scale's ticks, the one at 0 dashed. */
    private void yAxis() {
        for (double tick : y.ticks()) {
            double py = yPixel(tick);
            h.append("<line class=\"")
                    .append(Math.abs(tick) < y.step() / 1e6 ? "zero" : "grid")
                    .append("\" x1=\"")
                    .append(LEFT)
                    .append("\" x2=\"")
                    .append(PLOT_RIGHT)
                    .append("\" y1=\"")
                    .append(px(py))
                    .append("\" y2=\"")
                    .append(px(py))
                    .append("\"/><text class=\"axis\" x=\"")
                    .append(LEFT - 6)
                    .append("\" y=\"")
                    .append(px(py + 4))
                    .append("\" text-anchor=\"end\">")
                    .append(
                            esc(
                                    chart.unit() == Unit.PERCENT
                                            ? tickPct(tick, y.step())
                                            : tickKg(tick, y.step())))
                    .append("</text>\n");
        }
    }

    /** Tick marks and labels at round times (whole days, hours, minutes), at most 8. */
    private void xAxis() {
        for (long t : timeTicks(t0, t1)) {
            double px = xPixel(t);
            h.append("<line class=\"tick\" x1=\"")
                    .append(px(px))
                    .append("\" x2=\"")
                    .append(px(px))
                    .append("\" y1=\"")
                    .append(PLOT_BOTTOM)
                    .append("\" y2=\"")
                    .append(PLOT_BOTTOM + 4)
                    .append("\"/><text class=\"axis\" x=\"")
                    .append(px(px))
                    .append("\" y=\"")
                    .append(PLOT_BOTTOM + 18)
                    .append("\" text-anchor=\"middle\">")
                    .append(esc(AXIS_TIME.format(Instant.ofEpochMilli(t))))
                    .append("</text>\n");
        }
    }

    /** The line's path; it breaks at a null value and where windows are missing. */
    private void path(Line line) {
        StringBuilder path = new StringBuilder();
        Instant previousEnd = null;
        for (MetricsWindow w : windows) {
            Double v = line.at(w);
            if (v == null) {
                previousEnd = null;
                continue;
            }
            path.append(previousEnd != null && previousEnd.equals(w.start()) ? " L" : " M")
                    .append(px(xPixel(w.start().toEpochMilli())))
                    .append(',')
                    .append(px(yPixel(v)));
            previousEnd = w.end();
        }
        if (!path.isEmpty()) {
            h.append("<path class=\"line\" data-series=\"")
                    .append(line.metric())
                    .append("\" stroke=\"")
                    .append(line.colour())
                    .append("\" d=\"")
                    .append(path.toString().trim())
                    .append("\"/>\n");
        }
    }

    /**
     * A circle per value, with its exact value in {@code data-y} and a tooltip; hollow, with class
     * {@code provisional}, for a window that late facts may still change.
     */
    private void points(Line line, double radius) {
        for (MetricsWindow w : windows) {
            Double v = line.at(w);
            if (v == null) {
                continue;
            }
            boolean provisional = w.provisional();
            h.append(
                            provisional
                                    ? "<circle class=\"point provisional\""
                                    : "<circle class=\"point\"")
                    .append(" data-series=\"")
                    .append(line.metric())
                    .append("\" data-x=\"")
                    .append(w.start().toString())
                    .append("\" data-y=\"")
                    .append(number(v))
                    .append("\" cx=\"")
                    .append(px(xPixel(w.start().toEpochMilli())))
                    .append("\" cy=\"")
                    .append(px(yPixel(v)))
                    .append("\" r=\"")
                    .append(radius)
                    .append(provisional ? "\" fill=\"#ffffff\" stroke=\"" : "\" fill=\"")
                    .append(line.colour())
                    .append("\"><title>")
                    .append(esc(HtmlText.time(w.start())))
                    .append(" UTC, ")
                    .append(esc(line.label()))
                    .append(": ")
                    .append(esc(shown(v)))
                    .append(provisional ? " (provisional)" : "")
                    .append("</title></circle>\n");
        }
    }

    private String shown(double v) {
        return switch (chart.unit()) {
            case PERCENT -> pct(v);
            case KG -> kg(v, 3);
            case AMOUNT -> String.format(Locale.ROOT, "%,.2f", v);
        };
    }

    private double xPixel(long t) {
        if (t1 == t0) {
            return (LEFT + PLOT_RIGHT) / 2.0;
        }
        return LEFT + (PLOT_RIGHT - LEFT) * (double) (t - t0) / (t1 - t0);
    }

    private double yPixel(double v) {
        return y.toPixel(v, PLOT_BOTTOM, TOP);
    }

    /** Round UTC instants within [t0, t1], at most 8 (t0 alone when the series has one time). */
    private static List<Long> timeTicks(long t0, long t1) {
        if (t1 <= t0) {
            return List.of(t0);
        }
        long step = TIME_STEPS[TIME_STEPS.length - 1];
        for (long candidate : TIME_STEPS) {
            if ((t1 - t0) / candidate <= 7) {
                step = candidate;
                break;
            }
        }
        List<Long> ticks = new ArrayList<>();
        for (long t = Math.floorDiv(t0 + step - 1, step) * step; t <= t1; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    /** A y axis with round ticks covering [lo, hi] (0 included for kg, within [0, 1] for %). */
    private record Scale(double min, double max, double step) {
        static Scale nice(double lo, double hi, Unit unit) {
            if (unit != Unit.PERCENT) {
                lo = Math.min(lo, 0);
                hi = Math.max(hi, 0);
            }
            if (hi - lo < 1e-12) {
                double pad = unit == Unit.PERCENT ? 0.05 : Math.max(Math.abs(hi) * 0.1, 0.1);
                lo -= pad;
                hi += pad;
            }
            double step = niceStep((hi - lo) / 4);
            double min = Math.floor(lo / step + 1e-9) * step;
            double max = Math.ceil(hi / step - 1e-9) * step;
            if (unit == Unit.PERCENT) {
                min = Math.max(0, min);
                max = Math.min(1, max);
                if (max <= min) {
                    max = min + step;
                }
            }
            return new Scale(min, max, step);
        }

        private static double niceStep(double raw) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double f = raw / magnitude;
            double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
            return nice * magnitude;
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            for (int i = 0; min + i * step <= max + step * 1e-6 && i < 50; i++) {
                ticks.add(min + i * step);
            }
            return ticks;
        }

        double toPixel(double v, int bottom, int top) {
            return bottom - (bottom - top) * (v - min) / (max - min);
        }
    }

    // ---- labels ------------------------------------------------------------------------------

    /** An SVG coordinate, to a tenth of a pixel. */
    private static String px(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Decimals that show every multiple of {@code step} exactly (0.25 -> 2). */
    private static int decimals(double step) {
        return Math.max(
                0, new BigDecimal(step).round(new MathContext(6)).stripTrailingZeros().scale());
    }

    private static String tickPct(double v, double step) {
        return String.format(Locale.ROOT, "%." + decimals(100 * step) + "f%%", 100 * v);
    }

    private static String tickKg(double v, double step) {
        return String.format(Locale.ROOT, "%." + decimals(step) + "f", v);
    }
}

package io.omnistock.analytics.functions;

import io.omnistock.ledger.domain.metrics.WindowFigures;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facts a metric window could no longer take: they arrived after the window's sums were dropped
 * ({@code metrics.late-retention} after it was final). Nothing can revise the window then, so they
 * are not lost silently either: each is counted ({@value #EXPIRED} plus the window size, a metric
 * and an accumulator) and logged with its window, series and kinds. Emits nothing.
 */
public final class CountExpiredFactsFunction extends ProcessFunction<WindowFigures, Void> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CountExpiredFactsFunction.class);

    /** The counter's name, followed by {@code -1m} or {@code -1h}. */
    public static final String EXPIRED = "metric-facts-expired";

    private final String window;
    private transient AnalyticsMetrics.Count expired;

    /**
     * @param window the window size's label: {@code 1m}, {@code 1h}
     */
    public CountExpiredFactsFunction(String window) {
        this.window = window;
    }

    @Override
    public void open(OpenContext openContext) {
        expired = new AnalyticsMetrics.Count(getRuntimeContext(), EXPIRED + "-" + window);
    }

    @Override
    public void processElement(WindowFigures sums, Context ctx, Collector<Void> out) {
        long facts = sums.factCount();
        expired.add(facts);
        LOG.warn(
                "{} fact(s) {} of the {} window of {} holding {} came after its sums were dropped"
                        + " (metrics.late-retention): counted, not in the window's figures",
                facts,
                sums.factsByKind(),
                window,
                sums.seriesKey(),
                ctx.timestamp() == null ? "?" : Instant.ofEpochMilli(ctx.timestamp()));
    }
}

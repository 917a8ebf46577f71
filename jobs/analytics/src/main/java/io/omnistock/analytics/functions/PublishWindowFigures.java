package io.omnistock.analytics.functions;

import io.omnistock.avro.OperationsMetrics;
import io.omnistock.domain.analytics.MetricRecords;
import io.omnistock.ledger.domain.metrics.WindowFigures;
import java.time.Duration;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Publishes a window's sums each time it fires ({@link ProvisionalThenFinalTrigger}): operations
 * figures as the main output, sustainability figures (when the window holds a routing decision) to
 * {@link AnalyticsOutputs#SUSTAINABILITY}. The first firing is revision 0; each later one (a late
 * fact, the final firing, a fact after it) the next revision, under the same record key. A record
 * is provisional until the watermark passes the window's end plus the allowed lateness, final from
 * then on; the facts that arrived after that are counted in its {@code lateFacts}.
 */
public final class PublishWindowFigures
        extends ProcessWindowFunction<WindowFigures, OperationsMetrics, String, TimeWindow> {
    static final ValueStateDescriptor<Integer> FIRINGS =
            new ValueStateDescriptor<>("firings", Types.INT);

    /**
     * The sums of the facts that arrived after the window was published final (kept by {@link
     * ProvisionalThenFinalTrigger}, read here).
     */
    static final ValueStateDescriptor<WindowFigures> TOO_LATE =
            new ValueStateDescriptor<>("too-late-facts", TypeInformation.of(WindowFigures.class));

    private final String window;
    private final long allowedLateness;

    /**
     * @param window the window size's label in records and keys: {@code 1m}, {@code 1h}
     * @param allowedLateness how long after its end (in event time) a window stays provisional
     */
    public PublishWindowFigures(String window, Duration allowedLateness) {
        this.window = window;
        this.allowedLateness = allowedLateness.toMillis();
    }

    @Override
    public void process(
            String seriesKey,
            Context ctx,
            Iterable<WindowFigures> sums,
            Collector<OperationsMetrics> out)
            throws Exception {
        ValueState<Integer> firings = ctx.windowState().getState(FIRINGS);
        int revision = firings.value() == null ? 0 : firings.value();
        firings.update(revision + 1);

        WindowFigures figures = sums.iterator().next();
        WindowFigures tooLate = ctx.windowState().getState(TOO_LATE).value();
        boolean provisional =
                ctx.currentWatermark() < ctx.window().maxTimestamp() + allowedLateness;
        MetricRecords.WindowId id =
                new MetricRecords.WindowId(
                        window,
                        ctx.window().getStart(),
                        ctx.window().getEnd(),
                        figures.region,
                        figures.channel,
                        revision,
                        provisional);
        out.collect(
                MetricRecords.operations(
                        id,
                        figures,
                        tooLate == null
                                ? new WindowFigures(figures.region, figures.channel)
                                : tooLate));
        if (figures.hasSustainabilityFigures()) {
            ctx.output(AnalyticsOutputs.SUSTAINABILITY, MetricRecords.sustainability(id, figures));
        }
    }

    @Override
    public void clear(Context ctx) {
        ctx.windowState().getState(FIRINGS).clear();
        ctx.windowState().getState(TOO_LATE).clear();
    }
}

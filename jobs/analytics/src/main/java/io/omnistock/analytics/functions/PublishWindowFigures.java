package io.omnistock.analytics.functions;

import io.omnistock.avro.OperationsMetrics;
import io.omnistock.domain.analytics.MetricRecords;
import io.omnistock.ledger.domain.metrics.WindowFigures;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Publishes a window's sums each time it fires: operations figures as the main output,
 * sustainability figures (when the window holds a routing decision) to {@link
 * AnalyticsOutputs#SUSTAINABILITY}. The first firing is revision 0; each late fact within the
 * allowed lateness fires again with the next revision, under the same record key.
 */
public final class PublishWindowFigures
        extends ProcessWindowFunction<WindowFigures, OperationsMetrics, String, TimeWindow> {
    static final ValueStateDescriptor<Integer> FIRINGS =
            new ValueStateDescriptor<>("firings", Types.INT);

    private final String window;

    /**
     * @param window the window size's label in records and keys: {@code 1m}, {@code 1h}
     */
    public PublishWindowFigures(String window) {
        this.window = window;
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
        MetricRecords.WindowId id =
                new MetricRecords.WindowId(
                        window,
                        ctx.window().getStart(),
                        ctx.window().getEnd(),
                        figures.region,
                        figures.channel,
                        revision);
        out.collect(MetricRecords.operations(id, figures));
        if (figures.hasSustainabilityFigures()) {
            ctx.output(AnalyticsOutputs.SUSTAINABILITY, MetricRecords.sustainability(id, figures));
        }
    }

    @Override
    public void clear(Context ctx) {
        ctx.windowState().getState(FIRINGS).clear();
    }
}

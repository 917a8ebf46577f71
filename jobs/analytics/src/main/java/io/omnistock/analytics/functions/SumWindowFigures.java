package io.omnistock.analytics.functions;

import io.omnistock.ledger.domain.metrics.WindowFigures;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Adds each partial sum of a window to its total as it arrives: a window keeps sums, not facts. */
public final class SumWindowFigures
        implements AggregateFunction<WindowFigures, WindowFigures, WindowFigures> {

    @Override
    public WindowFigures createAccumulator() {
        return new WindowFigures();
    }

    @Override
    public WindowFigures add(WindowFigures partial, WindowFigures total) {
        return total.merge(partial);
    }

    @Override
    public WindowFigures getResult(WindowFigures total) {
        return total;
    }

    @Override
    public WindowFigures merge(WindowFigures a, WindowFigures b) {
        return a.merge(b);
    }
}

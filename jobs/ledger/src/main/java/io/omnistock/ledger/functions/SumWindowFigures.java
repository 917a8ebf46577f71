package io.omnistock.ledger.functions;

import io.omnistock.ledger.domain.metrics.MetricFact;
import io.omnistock.ledger.domain.metrics.WindowFigures;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Adds each fact of a window to its sums as it arrives: a window keeps sums, not facts. */
public final class SumWindowFigures
        implements AggregateFunction<MetricFact, WindowFigures, WindowFigures> {

    @Override
    public WindowFigures createAccumulator() {
        return new WindowFigures();
    }

    @Override
    public WindowFigures add(MetricFact fact, WindowFigures sums) {
        return sums.add(fact);
    }

    @Override
    public WindowFigures getResult(WindowFigures sums) {
        return sums;
    }

    @Override
    public WindowFigures merge(WindowFigures a, WindowFigures b) {
        return a.merge(b);
    }
}

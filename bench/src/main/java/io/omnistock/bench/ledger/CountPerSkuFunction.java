package io.omnistock.bench.ledger;

import io.omnistock.engine.functions.SourcedEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The bare keyed baseline: one counter per SKU in the state backend, read and written once per
 * event, and the new count emitted.
 */
final class CountPerSkuFunction extends KeyedProcessFunction<String, SourcedEvent, Long> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<Long> count;

    @Override
    public void open(OpenContext openContext) {
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement(SourcedEvent in, Context ctx, Collector<Long> out) throws Exception {
        Long previous = count.value();
        long next = previous == null ? 1 : previous + 1;
        count.update(next);
        out.collect(next);
    }
}

package io.omnistock.analytics.functions;

import io.omnistock.domain.analytics.MetricFact;
import io.omnistock.domain.analytics.MinuteSums;
import io.omnistock.ledger.domain.metrics.WindowFigures;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Pre-aggregates metric facts ahead of the keyed windows: partial sums per series and minute, each
 * emitted stamped with its minute's start. The sums are emitted before every watermark goes on, so
 * no window closes without them, and before every checkpoint barrier, so they need no state of
 * their own; and whenever {@link #MAX_SERIES} are held.
 */
public final class SumFactsByMinute extends AbstractStreamOperator<WindowFigures>
        implements OneInputStreamOperator<MetricFact, WindowFigures> {
    static final int MAX_SERIES = 10_000;

    private transient MinuteSums sums;
    private transient StreamRecord<WindowFigures> reuse;

    @Override
    public void open() throws Exception {
        super.open();
        sums = new MinuteSums();
        reuse = new StreamRecord<>(null);
    }

    @Override
    public void processElement(StreamRecord<MetricFact> element) {
        sums.add(element.getValue());
        if (sums.size() >= MAX_SERIES) {
            flush();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    private void flush() {
        sums.drainTo((figures, minute) -> output.collect(reuse.replace(figures, minute)));
    }
}

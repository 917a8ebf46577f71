package io.omnistock.bench.ledger;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Discards its records, counting them, and tells the run's {@link RunProbe} when its writer opens;
 * a sink that marks the end also tells it when the final watermark arrives, i.e. when the operator
 * it hangs off has processed every event.
 */
final class CountingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final String runId;
    private final boolean marksEnd;

    CountingSink(String runId, boolean marksEnd) {
        this.runId = runId;
        this.marksEnd = marksEnd;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        RunProbe probe = RunProbe.of(runId);
        probe.writerOpened();
        return new Writer<>(probe, marksEnd);
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final RunProbe probe;
        private final long finalWatermark;
        private boolean waiting;
        private long count;

        Writer(RunProbe probe, boolean marksEnd) {
            this.probe = probe;
            this.finalWatermark = probe.finalWatermark();
            this.waiting = marksEnd;
        }

        @Override
        public void write(T element, Context context) {
            count++;
        }

        @Override
        public void writeWatermark(Watermark watermark) {
            if (waiting && watermark.getTimestamp() >= finalWatermark) {
                waiting = false;
                probe.recordsOut(count);
                count = 0;
                probe.writerAtEnd();
            }
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {
            probe.recordsOut(count);
        }
    }
}

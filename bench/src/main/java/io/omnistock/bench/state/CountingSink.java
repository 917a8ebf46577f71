package io.omnistock.bench.state;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** Discards records, counting them in the run's {@link LoadControl}. */
final class CountingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final String runId;

    CountingSink(String runId) {
        this.runId = runId;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        LoadControl control = LoadControl.of(runId);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                control.availability.increment();
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}

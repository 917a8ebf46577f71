package io.omnistock.bench.ledger;

import io.omnistock.bench.source.SingleSplitReader;
import io.omnistock.bench.source.SingleSplitSource;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.engine.functions.InventoryDeserializationSchema;
import io.omnistock.engine.functions.SourcedEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * A source that replays a {@link LedgerInput}'s pre-serialized Kafka records through the ledger
 * job's own deserializer ({@link InventoryDeserializationSchema}), as the Kafka source does: each
 * reader reads the partitions p with p mod parallelism = its split's index, one after the other,
 * one record decoded per {@code pollNext} in the task thread. The input stays in this JVM (reached
 * through the run's {@link RunProbe}), so the job graph stays small.
 *
 * <p>The input is finite but the source does not end, like a Kafka topic that has been read to its
 * end: after its last event each reader emits a final watermark, later than every event time (the
 * sinks that see it mark the end of the timed part), and idles until the job is cancelled. Ending
 * the input would send the end-of-input watermark, which fires every 48 h expiry timer of the
 * ledger at once: not what a stream does.
 *
 * <p>Before the timed part: the readers wait until every sink writer of the job is open (so no task
 * is still deploying), the reader of partition 0 then emits the {@code network.nodes} records, and
 * all readers wait {@value #SETTLE_MILLIS} ms more, far longer than the network's buffer timeout,
 * so the broadcast node data reaches the ledger before any event. The run's clock starts with the
 * first inventory event.
 */
final class ReplaySource extends SingleSplitSource<ReplaySource.Split> {
    private static final long serialVersionUID = 1L;

    static final long SETTLE_MILLIS = 500;
    private static final long POLL_MILLIS = 10;
    private static final long IDLE_MILLIS = 100;
    private static final long MAX_WAIT_MILLIS = 120_000;

    private final String runId;
    private final int writers;
    private final LedgerSettings settings;

    /**
     * @param runId the run whose input to replay and whose probe to report to
     * @param writers sink writers to wait for before anything is emitted
     */
    ReplaySource(String runId, int writers, LedgerSettings settings) {
        this.runId = runId;
        this.writers = writers;
        this.settings = settings;
    }

    @Override
    public SourceReader<SourcedEvent, Split> createReader(SourceReaderContext context) {
        InventoryDeserializationSchema schema = new InventoryDeserializationSchema(settings);
        schema.open(
                new DeserializerContext(context.metricGroup(), context.getUserCodeClassLoader()));
        return new Reader(context, RunProbe.of(runId), writers, schema);
    }

    @Override
    protected List<Split> splits(int parallelism) {
        List<Split> splits = new ArrayList<>();
        for (int i = 0; i < parallelism; i++) {
            splits.add(new Split(i, parallelism, i, 0, i == 0));
        }
        return splits;
    }

    @Override
    protected void writeSplit(Split split, DataOutputView out) throws IOException {
        out.writeInt(split.index);
        out.writeInt(split.readers);
        out.writeInt(split.partition);
        out.writeInt(split.next);
        out.writeBoolean(split.nodesPending);
    }

    @Override
    protected Split readSplit(DataInputView in) throws IOException {
        return new Split(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readBoolean());
    }

    /**
     * The partitions index, index + readers, ... of one reader, read from partition {@code
     * partition} at offset {@code next} on; the split with index 0 (partition 0) also carries the
     * node records until they are emitted.
     */
    static final class Split implements SourceSplit {
        final int index;
        final int readers;
        int partition;
        int next;
        boolean nodesPending;

        Split(int index, int readers, int partition, int next, boolean nodesPending) {
            this.index = index;
            this.readers = readers;
            this.partition = partition;
            this.next = next;
            this.nodesPending = nodesPending;
        }

        Split copy() {
            return new Split(index, readers, partition, next, nodesPending);
        }

        @Override
        public String splitId() {
            return "partitions-" + index;
        }
    }

    private static final class Reader extends SingleSplitReader<Split> {
        private final RunProbe probe;
        private final int writers;
        private long firstPollMillis;
        private long settledAtMillis = Long.MAX_VALUE;
        private boolean started;
        private LedgerInput.Partition log;
        private long emitted;
        private boolean finished;

        Reader(
                SourceReaderContext context,
                RunProbe probe,
                int writers,
                InventoryDeserializationSchema schema) {
            super(context, schema, POLL_MILLIS);
            this.probe = probe;
            this.writers = writers;
        }

        @Override
        protected InputStatus poll(Split split, ReaderOutput<SourcedEvent> output) {
            if (!started && !ready(split)) {
                return InputStatus.NOTHING_AVAILABLE;
            }
            if (finished) {
                return InputStatus.NOTHING_AVAILABLE;
            }
            while (log == null || split.next == log.size()) {
                if (log != null) {
                    split.partition += split.readers;
                    split.next = 0;
                }
                LedgerInput input = probe.input();
                if (split.partition >= input.partitionCount()) {
                    finished = true;
                    probe.emitted(emitted);
                    output.emitWatermark(new Watermark(probe.finalWatermark()));
                    return InputStatus.NOTHING_AVAILABLE;
                }
                log = input.partition(split.partition);
            }
            emit(log.record(split.partition, split.next));
            split.next++;
            emitted++;
            return InputStatus.MORE_AVAILABLE;
        }

        /** Waits for the sink writers, emits the node records, settles, starts the clock. */
        private boolean ready(Split split) {
            if (firstPollMillis == 0) {
                firstPollMillis = System.currentTimeMillis();
            }
            if (probe.writersOpen() < writers) {
                if (System.currentTimeMillis() - firstPollMillis > MAX_WAIT_MILLIS) {
                    throw new IllegalStateException(
                            probe.writersOpen() + " of " + writers + " sink writers opened");
                }
                return false;
            }
            if (split.nodesPending) {
                LedgerInput input = probe.input();
                for (int i = 0; i < input.nodeRecords(); i++) {
                    emit(input.nodeRecord(i));
                }
                split.nodesPending = false;
                probe.nodesEmitted();
            }
            if (!probe.isNodesEmitted()) {
                return false;
            }
            if (settledAtMillis == Long.MAX_VALUE) {
                settledAtMillis = System.currentTimeMillis() + SETTLE_MILLIS;
            }
            if (System.currentTimeMillis() < settledAtMillis) {
                return false;
            }
            started = true;
            probe.startClock();
            return true;
        }

        @Override
        protected Split copy(Split split) {
            return split.copy();
        }

        @Override
        protected CompletableFuture<Void> idle() {
            return after(finished ? IDLE_MILLIS : POLL_MILLIS);
        }
    }

    /** What the Kafka source gives a deserializer when it opens. */
    record DeserializerContext(MetricGroup metricGroup, UserCodeClassLoader classLoader)
            implements DeserializationSchema.InitializationContext {
        @Override
        public MetricGroup getMetricGroup() {
            return metricGroup;
        }

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return classLoader;
        }
    }
}

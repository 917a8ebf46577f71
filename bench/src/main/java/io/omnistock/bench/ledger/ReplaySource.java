package io.omnistock.bench.ledger;

import io.omnistock.ledger.domain.LedgerSettings;
import io.omnistock.ledger.functions.InventoryDeserializationSchema;
import io.omnistock.ledger.functions.SourcedEvent;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.Collector;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * A source that replays a {@link LedgerInput}'s pre-serialized Kafka records through the ledger
 * job's own deserializer ({@link InventoryDeserializationSchema}), as the Kafka source does: one
 * split per partition, one record decoded per {@code pollNext} in the task thread. The input stays
 * in this JVM (reached through the run's {@link RunProbe}), so the job graph stays small.
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
final class ReplaySource
        implements Source<SourcedEvent, ReplaySource.Split, List<ReplaySource.Split>>,
                ResultTypeQueryable<SourcedEvent> {
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
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<SourcedEvent, Split> createReader(SourceReaderContext context) {
        InventoryDeserializationSchema schema = new InventoryDeserializationSchema(settings);
        schema.open(
                new DeserializerContext(context.metricGroup(), context.getUserCodeClassLoader()));
        return new Reader(RunProbe.of(runId), writers, schema);
    }

    @Override
    public SplitEnumerator<Split, List<Split>> createEnumerator(
            SplitEnumeratorContext<Split> context) {
        int partitions = RunProbe.of(runId).input().partitionCount();
        List<Split> splits = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            splits.add(new Split(p, 0, p == 0));
        }
        return new Enumerator(context, splits);
    }

    @Override
    public SplitEnumerator<Split, List<Split>> restoreEnumerator(
            SplitEnumeratorContext<Split> context, List<Split> pending) {
        return new Enumerator(context, pending);
    }

    @Override
    public SimpleVersionedSerializer<Split> getSplitSerializer() {
        return new SplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<List<Split>> getEnumeratorCheckpointSerializer() {
        return new SplitListSerializer();
    }

    @Override
    public TypeInformation<SourcedEvent> getProducedType() {
        return TypeInformation.of(SourcedEvent.class);
    }

    /**
     * One partition from offset {@code next} on; the split of partition 0 also carries the node
     * records until they are emitted.
     */
    record Split(int partition, int next, boolean nodesPending) implements SourceSplit {
        @Override
        public String splitId() {
            return "partition-" + partition;
        }
    }

    /** Hands each reader the partitions p with p mod parallelism = its index, then no more. */
    private static final class Enumerator implements SplitEnumerator<Split, List<Split>> {
        private final SplitEnumeratorContext<Split> context;
        private final List<Split> pending;

        Enumerator(SplitEnumeratorContext<Split> context, List<Split> pending) {
            this.context = context;
            this.pending = new ArrayList<>(pending);
        }

        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {}

        @Override
        public void addSplitsBack(List<Split> splits, int subtaskId) {
            pending.addAll(splits);
        }

        @Override
        public void addReader(int subtaskId) {
            int readers = context.currentParallelism();
            for (Split split : List.copyOf(pending)) {
                if (split.partition() % readers == subtaskId) {
                    context.assignSplit(split, subtaskId);
                    pending.remove(split);
                }
            }
            context.signalNoMoreSplits(subtaskId);
        }

        @Override
        public List<Split> snapshotState(long checkpointId) {
            return List.copyOf(pending);
        }

        @Override
        public void close() {}
    }

    private static final class Reader implements SourceReader<SourcedEvent, Split> {
        private final RunProbe probe;
        private final int writers;
        private final InventoryDeserializationSchema schema;
        private final OutputCollector collector = new OutputCollector();
        private final Deque<Split> splits = new ArrayDeque<>();
        private boolean noMoreSplits;
        private long firstPollMillis;
        private long settledAtMillis = Long.MAX_VALUE;
        private boolean started;
        private Split current;
        private LedgerInput.Partition log;
        private int next;
        private long emitted;
        private boolean finished;

        Reader(RunProbe probe, int writers, InventoryDeserializationSchema schema) {
            this.probe = probe;
            this.writers = writers;
            this.schema = schema;
        }

        @Override
        public void start() {}

        @Override
        public InputStatus pollNext(ReaderOutput<SourcedEvent> output) {
            if (!started && !ready(output)) {
                return InputStatus.NOTHING_AVAILABLE;
            }
            while (current == null || next == log.size()) {
                current = splits.poll();
                if (current == null) {
                    if (noMoreSplits && !finished) {
                        finished = true;
                        probe.emitted(emitted);
                        output.emitWatermark(new Watermark(probe.finalWatermark()));
                    }
                    return InputStatus.NOTHING_AVAILABLE;
                }
                log = probe.input().partition(current.partition());
                next = current.next();
            }
            collector.output = output;
            schema.deserialize(log.record(current.partition(), next), collector);
            next++;
            emitted++;
            return InputStatus.MORE_AVAILABLE;
        }

        /** Waits for the sink writers, emits the node records, settles, starts the clock. */
        private boolean ready(ReaderOutput<SourcedEvent> output) {
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
            if (!noMoreSplits && splits.isEmpty()) {
                return false;
            }
            for (Split split : List.copyOf(splits)) {
                if (split.nodesPending()) {
                    collector.output = output;
                    LedgerInput input = probe.input();
                    for (int i = 0; i < input.nodeRecords(); i++) {
                        schema.deserialize(input.nodeRecord(i), collector);
                    }
                    splits.remove(split);
                    splits.addFirst(new Split(split.partition(), split.next(), false));
                    probe.nodesEmitted();
                }
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
        public List<Split> snapshotState(long checkpointId) {
            List<Split> state = new ArrayList<>();
            if (current != null) {
                state.add(new Split(current.partition(), next, false));
            }
            state.addAll(splits);
            return state;
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            if (finished) {
                return after(IDLE_MILLIS);
            }
            if (started && (current != null || !splits.isEmpty() || noMoreSplits)) {
                return CompletableFuture.completedFuture(null);
            }
            return after(POLL_MILLIS);
        }

        private static CompletableFuture<Void> after(long millis) {
            return CompletableFuture.runAsync(
                    () -> {}, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
        }

        @Override
        public void addSplits(List<Split> added) {
            splits.addAll(added);
        }

        @Override
        public void notifyNoMoreSplits() {
            noMoreSplits = true;
        }

        @Override
        public void close() {}
    }

    /** Hands what the deserializer collects to the reader's output. */
    private static final class OutputCollector implements Collector<SourcedEvent> {
        ReaderOutput<SourcedEvent> output;

        @Override
        public void collect(SourcedEvent record) {
            output.collect(record);
        }

        @Override
        public void close() {}
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

    private static final class SplitSerializer implements SimpleVersionedSerializer<Split> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Split split) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(16);
            write(split, out);
            return out.getCopyOfBuffer();
        }

        @Override
        public Split deserialize(int version, byte[] bytes) throws IOException {
            return read(new DataInputDeserializer(bytes));
        }

        static void write(Split split, DataOutputSerializer out) throws IOException {
            out.writeInt(split.partition());
            out.writeInt(split.next());
            out.writeBoolean(split.nodesPending());
        }

        static Split read(DataInputDeserializer in) throws IOException {
            return new Split(in.readInt(), in.readInt(), in.readBoolean());
        }
    }

    private static final class SplitListSerializer
            implements SimpleVersionedSerializer<List<Split>> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<Split> splits) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(16 * splits.size() + 4);
            out.writeInt(splits.size());
            for (Split split : splits) {
                SplitSerializer.write(split, out);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public List<Split> deserialize(int version, byte[] bytes) throws IOException {
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            int size = in.readInt();
            List<Split> splits = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                splits.add(SplitSerializer.read(in));
            }
            return splits;
        }
    }
}

package io.omnistock.bench.state;

import io.omnistock.ledger.functions.SourcedEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * An in-process stand-in for the ledger's Kafka source: each reader emits the network's nodes
 * (network.nodes), then one RECEIPT (inventory.wms) per SKU x node position of its share, then
 * waits, never finishing, emitting updates when the benchmark asks for them (see {@link
 * LoadControl}). Records go through the job's own {@code InventoryDeserializationSchema} from Avro
 * bytes, as read from Kafka. The split (range and progress) is checkpointed, so a job restored from
 * a checkpoint goes on where it was.
 */
final class PositionSource
        implements Source<SourcedEvent, PositionSource.Split, List<PositionSource.Split>>,
                ResultTypeQueryable<SourcedEvent> {
    private static final long serialVersionUID = 1L;

    private final String runId;
    private final long positions;
    private final int nodes;
    private final long eventTime;

    /**
     * @param positions SKU x node positions, SKU by SKU; position i is SKU i / nodes at node i %
     *     nodes
     * @param nodes nodes in the network, each holding every SKU
     * @param eventTime event time of every record
     */
    PositionSource(String runId, long positions, int nodes, long eventTime) {
        this.runId = runId;
        this.positions = positions;
        this.nodes = nodes;
        this.eventTime = eventTime;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<SourcedEvent, Split> createReader(SourceReaderContext context) {
        return new PositionReader(context, LoadControl.of(runId), nodes, eventTime);
    }

    @Override
    public SplitEnumerator<Split, List<Split>> createEnumerator(
            SplitEnumeratorContext<Split> context) {
        int parallelism = context.currentParallelism();
        List<Split> splits = new ArrayList<>();
        for (int i = 0; i < parallelism; i++) {
            long from = positions * i / parallelism;
            long to = positions * (i + 1) / parallelism;
            splits.add(new Split("positions-" + i, from, to, from, 0));
        }
        return new Enumerator(context, splits);
    }

    @Override
    public SplitEnumerator<Split, List<Split>> restoreEnumerator(
            SplitEnumeratorContext<Split> context, List<Split> unassigned) {
        return new Enumerator(context, new ArrayList<>(unassigned));
    }

    @Override
    public SimpleVersionedSerializer<Split> getSplitSerializer() {
        return new SplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<List<Split>> getEnumeratorCheckpointSerializer() {
        return new SplitsSerializer();
    }

    @Override
    public TypeInformation<SourcedEvent> getProducedType() {
        return TypeInformation.of(SourcedEvent.class);
    }

    /**
     * Positions [from, to) of one reader: {@code next} is the next to emit, {@code updates} the
     * update events emitted after loading.
     */
    static final class Split implements SourceSplit {
        final String id;
        final long from;
        final long to;
        long next;
        long updates;

        Split(String id, long from, long to, long next, long updates) {
            this.id = id;
            this.from = from;
            this.to = to;
            this.next = next;
            this.updates = updates;
        }

        Split copy() {
            return new Split(id, from, to, next, updates);
        }

        boolean fresh() {
            return next == from && updates == 0;
        }

        @Override
        public String splitId() {
            return id;
        }
    }

    /** Hands each reader that asks one split, until none are left. */
    private static final class Enumerator implements SplitEnumerator<Split, List<Split>> {
        private final SplitEnumeratorContext<Split> context;
        private final List<Split> unassigned;

        Enumerator(SplitEnumeratorContext<Split> context, List<Split> unassigned) {
            this.context = context;
            this.unassigned = unassigned;
        }

        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtask, String requesterHostname) {
            if (!unassigned.isEmpty()) {
                context.assignSplit(unassigned.remove(0), subtask);
            }
        }

        @Override
        public void addSplitsBack(List<Split> splits, int subtask) {
            unassigned.addAll(splits);
        }

        @Override
        public void addReader(int subtask) {}

        @Override
        public List<Split> snapshotState(long checkpointId) {
            List<Split> copy = new ArrayList<>();
            unassigned.forEach(s -> copy.add(s.copy()));
            return copy;
        }

        @Override
        public void close() {}
    }

    private static final class SplitSerializer implements SimpleVersionedSerializer<Split> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Split split) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64);
            write(split, out);
            return out.getCopyOfBuffer();
        }

        @Override
        public Split deserialize(int version, byte[] serialized) throws IOException {
            return read(new DataInputDeserializer(serialized));
        }

        static void write(Split split, DataOutputSerializer out) throws IOException {
            out.writeUTF(split.id);
            out.writeLong(split.from);
            out.writeLong(split.to);
            out.writeLong(split.next);
            out.writeLong(split.updates);
        }

        static Split read(DataInputDeserializer in) throws IOException {
            return new Split(
                    in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
        }
    }

    private static final class SplitsSerializer implements SimpleVersionedSerializer<List<Split>> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<Split> splits) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64);
            out.writeInt(splits.size());
            for (Split split : splits) {
                SplitSerializer.write(split, out);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public List<Split> deserialize(int version, byte[] serialized) throws IOException {
            DataInputDeserializer in = new DataInputDeserializer(serialized);
            int n = in.readInt();
            List<Split> splits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                splits.add(SplitSerializer.read(in));
            }
            return splits;
        }
    }
}

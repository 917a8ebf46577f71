package io.omnistock.bench.source;

import io.omnistock.engine.functions.SourcedEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * An in-process stand-in for the ledger job's Kafka source, as the benchmarks drive it: one split
 * per reader, made up front for the job's parallelism, handed to each reader that asks (see {@link
 * SingleSplitReader}) until none are left. It never ends, like a Kafka topic read to its end, and
 * produces what the job's deserializer produces. A subclass says what the splits are, how one is
 * written and read back (the split and the enumerator's pending splits are checkpointed), and how a
 * reader is made.
 */
public abstract class SingleSplitSource<S extends SourceSplit>
        implements Source<SourcedEvent, S, List<S>>, ResultTypeQueryable<SourcedEvent> {
    private static final long serialVersionUID = 1L;

    /** The splits of a job with this parallelism: one each. */
    protected abstract List<S> splits(int parallelism);

    protected abstract void writeSplit(S split, DataOutputView out) throws IOException;

    protected abstract S readSplit(DataInputView in) throws IOException;

    @Override
    public final Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public final SplitEnumerator<S, List<S>> createEnumerator(SplitEnumeratorContext<S> context) {
        return new Enumerator<>(context, splits(context.currentParallelism()));
    }

    @Override
    public final SplitEnumerator<S, List<S>> restoreEnumerator(
            SplitEnumeratorContext<S> context, List<S> unassigned) {
        return new Enumerator<>(context, unassigned);
    }

    @Override
    public final SimpleVersionedSerializer<S> getSplitSerializer() {
        return new SplitSerializer();
    }

    @Override
    public final SimpleVersionedSerializer<List<S>> getEnumeratorCheckpointSerializer() {
        return new SplitListSerializer();
    }

    @Override
    public final TypeInformation<SourcedEvent> getProducedType() {
        return TypeInformation.of(SourcedEvent.class);
    }

    /** Hands each reader that asks one split, until none are left. */
    private static final class Enumerator<S extends SourceSplit>
            implements SplitEnumerator<S, List<S>> {
        private final SplitEnumeratorContext<S> context;
        private final List<S> unassigned;

        Enumerator(SplitEnumeratorContext<S> context, List<S> unassigned) {
            this.context = context;
            this.unassigned = new ArrayList<>(unassigned);
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
        public void addSplitsBack(List<S> splits, int subtask) {
            unassigned.addAll(splits);
        }

        @Override
        public void addReader(int subtask) {}

        @Override
        public List<S> snapshotState(long checkpointId) {
            return List.copyOf(unassigned);
        }

        @Override
        public void close() {}
    }

    private final class SplitSerializer implements SimpleVersionedSerializer<S> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(S split) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64);
            writeSplit(split, out);
            return out.getCopyOfBuffer();
        }

        @Override
        public S deserialize(int version, byte[] bytes) throws IOException {
            return readSplit(new DataInputDeserializer(bytes));
        }
    }

    private final class SplitListSerializer implements SimpleVersionedSerializer<List<S>> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<S> splits) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64);
            out.writeInt(splits.size());
            for (S split : splits) {
                writeSplit(split, out);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public List<S> deserialize(int version, byte[] bytes) throws IOException {
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            int size = in.readInt();
            List<S> splits = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                splits.add(readSplit(in));
            }
            return splits;
        }
    }
}

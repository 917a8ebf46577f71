package io.omnistock.bench.state;

import io.omnistock.bench.source.SingleSplitSource;
import io.omnistock.engine.functions.SourcedEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * An in-process stand-in for the ledger's Kafka source: each reader emits the network's nodes
 * (network.nodes), then one RECEIPT (inventory.wms) per SKU x node position of its share, then
 * waits, never finishing, emitting updates when the benchmark asks for them (see {@link
 * LoadControl}). Records go through the job's own {@code InventoryDeserializationSchema} from Avro
 * bytes, as read from Kafka. The split (range and progress) is checkpointed, so a job restored from
 * a checkpoint goes on where it was.
 */
final class PositionSource extends SingleSplitSource<PositionSource.Split> {
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
    public SourceReader<SourcedEvent, Split> createReader(SourceReaderContext context) {
        return new PositionReader(context, LoadControl.of(runId), nodes, eventTime);
    }

    @Override
    protected List<Split> splits(int parallelism) {
        List<Split> splits = new ArrayList<>();
        for (int i = 0; i < parallelism; i++) {
            long from = positions * i / parallelism;
            long to = positions * (i + 1) / parallelism;
            splits.add(new Split("positions-" + i, from, to, from, 0));
        }
        return splits;
    }

    @Override
    protected void writeSplit(Split split, DataOutputView out) throws IOException {
        out.writeUTF(split.id);
        out.writeLong(split.from);
        out.writeLong(split.to);
        out.writeLong(split.next);
        out.writeLong(split.updates);
    }

    @Override
    protected Split readSplit(DataInputView in) throws IOException {
        return new Split(in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
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
}

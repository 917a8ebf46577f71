package io.omnistock.bench.state;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import io.omnistock.bench.source.SingleSplitReader;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.Topics;
import io.omnistock.engine.functions.SourcedEvent;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;

/** Reads one {@link PositionSource.Split}: nodes, then a RECEIPT per position, then updates. */
final class PositionReader extends SingleSplitReader<PositionSource.Split> {
    /** Nodes get this head start over the positions, so the broadcast reaches the ledger first. */
    private static final long NODE_HEAD_START_MILLIS = 500;

    /** How often an idle reader looks for more work. */
    private static final long IDLE_POLL_MILLIS = 20;

    /** Spreads the updates over the split's positions. */
    private static final long UPDATE_STRIDE = 1_000_003;

    private static final long OPENING_UNITS = 100;

    private final LoadControl control;
    private final int nodes;
    private final long eventTime;
    private final AvroCodec<WmsEvent> wms = Topics.WMS.codec();
    private final AvroCodec<NodeRecord> nodeCodec = Topics.NODES.codec();

    private boolean begun;
    private long resumeAtMillis;

    PositionReader(SourceReaderContext context, LoadControl control, int nodes, long eventTime) {
        super(context, defaultSchema(), IDLE_POLL_MILLIS);
        this.control = control;
        this.nodes = nodes;
        this.eventTime = eventTime;
    }

    @Override
    protected InputStatus poll(PositionSource.Split split, ReaderOutput<SourcedEvent> output) {
        if (!begun) {
            begun = true;
            if (split.fresh()) {
                for (int n = 0; n < nodes; n++) {
                    emit(Topics.NODES.name(), nodeId(n), nodeCodec.encode(node(n)));
                }
                resumeAtMillis = System.currentTimeMillis() + NODE_HEAD_START_MILLIS;
            }
        }
        if (System.currentTimeMillis() < resumeAtMillis) {
            return InputStatus.NOTHING_AVAILABLE;
        }
        if (split.next < split.to) {
            if (split.next == split.from) {
                control.firstPositionNanos.compareAndSet(0, System.nanoTime());
            }
            long i = split.next++;
            receipt("receipt-" + i, i, OPENING_UNITS);
            return InputStatus.MORE_AVAILABLE;
        }
        if (split.updates < control.updatesPerReader.get()) {
            long k = split.updates++;
            long size = split.to - split.from;
            long i = split.from + Math.floorMod(k * UPDATE_STRIDE, size);
            receipt("update-" + split.id + "-" + k, i, 1);
            return InputStatus.MORE_AVAILABLE;
        }
        return InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    protected PositionSource.Split copy(PositionSource.Split split) {
        return split.copy();
    }

    private void receipt(String eventId, long position, long units) {
        String sku = sku(position / nodes);
        WmsEvent event =
                WmsEvent.newBuilder()
                        .setEventId(eventId)
                        .setEventTime(Instant.ofEpochMilli(eventTime))
                        .setSku(sku)
                        .setNodeId(nodeId((int) (position % nodes)))
                        .setType(WmsEventType.RECEIPT)
                        .setQuantity((int) units)
                        .build();
        emit(Topics.WMS.name(), sku, wms.encode(event));
    }

    private NodeRecord node(int n) {
        boolean dc = n % 5 == 0;
        // spread over about 550 x 400 km, the same every run
        double lat = 50.5 + 5.0 * ((n * 37 % 100) / 100.0);
        double lon = -3.0 + 6.0 * ((n * 61 % 100) / 100.0);
        return NodeRecord.newBuilder()
                .setEventId("node-" + n)
                .setEventTime(Instant.ofEpochMilli(eventTime))
                .setNodeId(nodeId(n))
                .setType(dc ? NodeType.DC : NodeType.STORE)
                .setLatitude(lat)
                .setLongitude(lon)
                .setRegion("UK")
                .setHandlingCost(dc ? 1.0 : 3.0)
                .setFulfilmentMethods(
                        dc
                                ? List.of(FulfilmentMethod.SHIP_TO_HOME)
                                : List.of(
                                        FulfilmentMethod.SHIP_FROM_STORE,
                                        FulfilmentMethod.BOPIS,
                                        FulfilmentMethod.CURBSIDE))
                .setStatus(NodeStatus.OPEN)
                .build();
    }

    static String nodeId(int n) {
        return String.format("NODE-%03d", n);
    }

    static String sku(long s) {
        return "SKU-" + s;
    }
}

package io.omnistock.bench.routing;

import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import io.omnistock.bench.source.SingleSplitReader;
import io.omnistock.bench.source.SingleSplitSource;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.Topics;
import io.omnistock.engine.functions.SourcedEvent;
import io.omnistock.ledger.domain.NodeInfo;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * An in-process stand-in for the ledger job's Kafka source in the routing benchmark: each reader
 * emits the network's nodes, its share of the opening stock (a RECEIPT per SKU x node), and, once
 * the benchmark releases them, its share of the orders, at most {@code maxInFlight} undecided
 * orders in the whole job at a time; and all along, whatever reservation requests the job sent to
 * {@link OrderLoop#reservations} (the orders.reservations topic). Everything goes through the job's
 * own {@code InventoryDeserializationSchema} from Avro bytes, as read from Kafka.
 */
final class OrderLoopSource extends SingleSplitSource<OrderLoopSource.Split> {
    private static final long serialVersionUID = 1L;
    private static final long IDLE_POLL_MILLIS = 2;

    private final String runId;
    private final int orders;
    private final int lines;
    private final int maxInFlight;

    OrderLoopSource(String runId, int orders, int lines, int maxInFlight) {
        this.runId = runId;
        this.orders = orders;
        this.lines = lines;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public SourceReader<SourcedEvent, Split> createReader(SourceReaderContext context) {
        return new Reader(context, OrderLoop.of(runId), lines, maxInFlight);
    }

    @Override
    protected List<Split> splits(int p) {
        int nodes = RoutingBenchmark.nodes(new Random(42)).size();
        long receipts = (long) RoutingBenchmark.SKUS * nodes;
        List<Split> splits = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            splits.add(
                    new Split(
                            i,
                            receipts * i / p,
                            receipts * (i + 1) / p,
                            (long) orders * i / p,
                            (long) orders * (i + 1) / p));
        }
        return splits;
    }

    @Override
    protected void writeSplit(Split s, DataOutputView out) throws IOException {
        out.writeInt(s.index);
        out.writeLong(s.nextReceipt);
        out.writeLong(s.receiptTo);
        out.writeLong(s.nextOrder);
        out.writeLong(s.orderTo);
    }

    @Override
    protected Split readSplit(DataInputView in) throws IOException {
        return new Split(in.readInt(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }

    /** One reader's receipts [receiptFrom, receiptTo) and orders [orderFrom, orderTo). */
    static final class Split implements SourceSplit {
        final int index;
        final long receiptTo;
        final long orderTo;
        long nextReceipt;
        long nextOrder;

        Split(int index, long nextReceipt, long receiptTo, long nextOrder, long orderTo) {
            this.index = index;
            this.nextReceipt = nextReceipt;
            this.receiptTo = receiptTo;
            this.nextOrder = nextOrder;
            this.orderTo = orderTo;
        }

        @Override
        public String splitId() {
            return "orders-" + index;
        }
    }

    private static final class Reader extends SingleSplitReader<Split> {
        private final OrderLoop loop;
        private final int lines;
        private final int maxInFlight;
        private final List<NodeInfo> nodes = RoutingBenchmark.nodes(new Random(42));
        private final AvroCodec<WmsEvent> wms = Topics.WMS.codec();
        private final AvroCodec<NodeRecord> nodeCodec = Topics.NODES.codec();
        private final AvroCodec<OrderRequest> orderCodec = Topics.ORDER_REQUESTS.codec();
        private final long stockedAt =
                RoutingBenchmark.DAY.plus(Duration.ofHours(6)).toEpochMilli();

        private Random random;
        private boolean begun;

        Reader(SourceReaderContext context, OrderLoop loop, int lines, int maxInFlight) {
            super(context, defaultSchema(), IDLE_POLL_MILLIS);
            this.loop = loop;
            this.lines = lines;
            this.maxInFlight = maxInFlight;
        }

        @Override
        protected InputStatus poll(Split split, ReaderOutput<SourcedEvent> output) {
            if (!begun) {
                begun = true;
                for (NodeInfo node : nodes) {
                    emit(Topics.NODES.name(), node.nodeId, nodeCodec.encode(record(node)));
                }
            }
            byte[][] reservation = loop.reservations.poll();
            if (reservation != null) {
                emit(Topics.RESERVATIONS.name(), reservation[0], reservation[1]);
                return InputStatus.MORE_AVAILABLE;
            }
            if (split.nextReceipt < split.receiptTo) {
                long i = split.nextReceipt++;
                String sku = RoutingBenchmark.sku((int) (i / nodes.size()));
                WmsEvent receipt =
                        WmsEvent.newBuilder()
                                .setEventId("receipt-" + i)
                                .setEventTime(Instant.ofEpochMilli(stockedAt))
                                .setSku(sku)
                                .setNodeId(nodes.get((int) (i % nodes.size())).nodeId)
                                .setType(WmsEventType.RECEIPT)
                                .setQuantity((int) RoutingBenchmark.OPENING_UNITS)
                                .build();
                emit(Topics.WMS.name(), sku, wms.encode(receipt));
                return InputStatus.MORE_AVAILABLE;
            }
            if (loop.ordersReleased
                    && split.nextOrder < split.orderTo
                    && loop.ordersEmitted.get() - loop.decisions.sum() < maxInFlight) {
                if (random == null) {
                    random = new Random(1000 + split.index);
                }
                OrderRequest order =
                        RoutingBenchmark.order(
                                "job-" + split.nextOrder++,
                                lines,
                                RoutingBenchmark.ORDER_TIME,
                                random);
                loop.ordersEmitted.incrementAndGet();
                emit(
                        Topics.ORDER_REQUESTS.name(),
                        order.getOrderId().toString(),
                        orderCodec.encode(order));
                return InputStatus.MORE_AVAILABLE;
            }
            return InputStatus.NOTHING_AVAILABLE;
        }

        private NodeRecord record(NodeInfo node) {
            return NodeRecord.newBuilder()
                    .setEventId("node-" + node.nodeId)
                    .setEventTime(Instant.ofEpochMilli(stockedAt))
                    .setNodeId(node.nodeId)
                    .setType(node.type)
                    .setLatitude(node.latitude)
                    .setLongitude(node.longitude)
                    .setRegion(node.region)
                    .setHandlingCost(node.handlingCost)
                    .setFulfilmentMethods(node.methods)
                    .setStatus(NodeStatus.OPEN)
                    .build();
        }

        @Override
        protected Split copy(Split split) {
            return new Split(
                    split.index,
                    split.nextReceipt,
                    split.receiptTo,
                    split.nextOrder,
                    split.orderTo);
        }
    }
}

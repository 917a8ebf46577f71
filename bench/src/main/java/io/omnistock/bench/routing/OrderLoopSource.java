package io.omnistock.bench.routing;

import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.AvroCodec;
import io.omnistock.connectors.Topics;
import io.omnistock.ledger.domain.LedgerSettings;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.functions.InventoryDeserializationSchema;
import io.omnistock.ledger.functions.SourcedEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * An in-process stand-in for the ledger job's Kafka source in the routing benchmark: each reader
 * emits the network's nodes, its share of the opening stock (a RECEIPT per SKU x node), and, once
 * the benchmark releases them, its share of the orders, at most {@code maxInFlight} undecided
 * orders in the whole job at a time; and all along, whatever reservation requests the job sent to
 * {@link OrderLoop#reservations} (the orders.reservations topic). Everything goes through the job's
 * own {@code InventoryDeserializationSchema} from Avro bytes, as read from Kafka.
 */
final class OrderLoopSource
        implements Source<SourcedEvent, OrderLoopSource.Split, List<OrderLoopSource.Split>>,
                ResultTypeQueryable<SourcedEvent> {
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
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<SourcedEvent, Split> createReader(SourceReaderContext context) {
        return new Reader(context, OrderLoop.of(runId), lines, maxInFlight);
    }

    @Override
    public SplitEnumerator<Split, List<Split>> createEnumerator(
            SplitEnumeratorContext<Split> context) {
        int p = context.currentParallelism();
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
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return 1;
            }

            @Override
            public byte[] serialize(List<Split> splits) throws IOException {
                DataOutputSerializer out = new DataOutputSerializer(64);
                out.writeInt(splits.size());
                for (Split s : splits) {
                    SplitSerializer.write(s, out);
                }
                return out.getCopyOfBuffer();
            }

            @Override
            public List<Split> deserialize(int version, byte[] bytes) throws IOException {
                DataInputDeserializer in = new DataInputDeserializer(bytes);
                List<Split> splits = new ArrayList<>();
                for (int n = in.readInt(); n > 0; n--) {
                    splits.add(SplitSerializer.read(in));
                }
                return splits;
            }
        };
    }

    @Override
    public TypeInformation<SourcedEvent> getProducedType() {
        return TypeInformation.of(SourcedEvent.class);
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
        public Split deserialize(int version, byte[] bytes) throws IOException {
            return read(new DataInputDeserializer(bytes));
        }

        static void write(Split s, DataOutputSerializer out) throws IOException {
            out.writeInt(s.index);
            out.writeLong(s.nextReceipt);
            out.writeLong(s.receiptTo);
            out.writeLong(s.nextOrder);
            out.writeLong(s.orderTo);
        }

        static Split read(DataInputDeserializer in) throws IOException {
            return new Split(
                    in.readInt(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
        }
    }

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
        public void handleSplitRequest(int subtask, String host) {
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
            return new ArrayList<>(unassigned);
        }

        @Override
        public void close() {}
    }

    private static final class Reader implements SourceReader<SourcedEvent, Split> {
        private final SourceReaderContext context;
        private final OrderLoop loop;
        private final int lines;
        private final int maxInFlight;
        private final List<NodeInfo> nodes = RoutingBenchmark.nodes(new Random(42));
        private final AvroCodec<WmsEvent> wms = Topics.WMS.codec();
        private final AvroCodec<NodeRecord> nodeCodec = Topics.NODES.codec();
        private final AvroCodec<OrderRequest> orderCodec = Topics.ORDER_REQUESTS.codec();
        private final InventoryDeserializationSchema schema =
                new InventoryDeserializationSchema(LedgerSettings.defaults());
        private final Forward forward = new Forward();
        private final CompletableFuture<Void> splitArrived = new CompletableFuture<>();
        private final long stockedAt =
                RoutingBenchmark.DAY.plus(Duration.ofHours(6)).toEpochMilli();

        private Split split;
        private Random random;
        private boolean begun;
        private long offset;

        Reader(SourceReaderContext context, OrderLoop loop, int lines, int maxInFlight) {
            this.context = context;
            this.loop = loop;
            this.lines = lines;
            this.maxInFlight = maxInFlight;
            schema.open(null);
        }

        @Override
        public void start() {
            if (split == null) {
                context.sendSplitRequest();
            }
        }

        @Override
        public InputStatus pollNext(ReaderOutput<SourcedEvent> output) {
            if (split == null) {
                return InputStatus.NOTHING_AVAILABLE;
            }
            forward.output = output;
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

        private void emit(String topic, String key, byte[] value) {
            emit(topic, key.getBytes(StandardCharsets.UTF_8), value);
        }

        private void emit(String topic, byte[] key, byte[] value) {
            schema.deserialize(new ConsumerRecord<>(topic, 0, offset++, key, value), forward);
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
        public List<Split> snapshotState(long checkpointId) {
            return split == null
                    ? List.of()
                    : List.of(
                            new Split(
                                    split.index,
                                    split.nextReceipt,
                                    split.receiptTo,
                                    split.nextOrder,
                                    split.orderTo));
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            if (split == null) {
                return splitArrived;
            }
            return CompletableFuture.runAsync(
                    () -> {},
                    CompletableFuture.delayedExecutor(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS));
        }

        @Override
        public void addSplits(List<Split> splits) {
            split = splits.get(0);
            splitArrived.complete(null);
        }

        @Override
        public void notifyNoMoreSplits() {}

        @Override
        public void close() {}
    }

    private static final class Forward implements Collector<SourcedEvent> {
        ReaderOutput<SourcedEvent> output;

        @Override
        public void collect(SourcedEvent record) {
            output.collect(record);
        }

        @Override
        public void close() {}
    }
}

package io.omnistock.bench.ledger;

import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.PosEventType;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.ThreePlEventType;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.Topics;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailNetwork;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The benchmark's input, generated and Avro-encoded once before anything is timed: the {@code
 * network.nodes} records of a generated chain (80 stores, 10 dark stores, 6 DCs, 4 3PLs), then
 * inventory events on {@code inventory.pos}, {@code inventory.wms} and {@code inventory.3pl} over
 * every SKU x node position, each position chosen uniformly at random.
 *
 * <p>Records are laid out as Kafka would hold them: in partitions by SKU, so each SKU's events keep
 * their order; event times rise through the input over six hours ending an hour ago. What happens
 * at a position depends on its node's type (sales and returns at stores, picks at DCs and dark
 * stores, snapshots at 3PLs; receipts, adjustments and cycle counts everywhere but 3PLs); counts
 * report the on-hand the events so far add up to, 10% of them a few units short (shrink), and 1% of
 * the records are exact re-sends of a recent record (duplicates, applied once).
 */
final class LedgerInput {
    static final int STORES = 80;
    static final int DARK_STORES = 10;
    static final int DCS = 6;
    static final int THREE_PLS = 4;
    static final int NODES = STORES + DARK_STORES + DCS + THREE_PLS;

    static final double DUPLICATE_RATE = 0.01;
    static final double SHRINK_RATE = 0.10;

    /** Event times rise over this span, ending an hour before the input is generated. */
    static final Duration SPAN = Duration.ofHours(6);

    private static final String[] TOPICS = {
        Topics.NODES.name(), Topics.POS.name(), Topics.WMS.name(), Topics.THREE_PL.name()
    };
    private static final byte NODES_TOPIC = 0;
    private static final byte POS_TOPIC = 1;
    private static final byte WMS_TOPIC = 2;
    private static final byte THREE_PL_TOPIC = 3;

    /** What happens at a node, by its type: kinds and weights (percent). */
    private static final Map<NodeType, Mix> MIX = new EnumMap<>(NodeType.class);

    static {
        MIX.put(
                NodeType.STORE,
                new Mix(
                        new Kind[] {
                            Kind.SALE,
                            Kind.RETURN,
                            Kind.RECEIPT,
                            Kind.ADJUSTMENT,
                            Kind.DAMAGE,
                            Kind.CYCLE_COUNT
                        },
                        new int[] {56, 4, 16, 6, 2, 16}));
        MIX.put(
                NodeType.DC,
                new Mix(
                        new Kind[] {
                            Kind.RECEIPT, Kind.PICK, Kind.SHIP, Kind.ADJUSTMENT, Kind.CYCLE_COUNT
                        },
                        new int[] {22, 44, 10, 8, 16}));
        MIX.put(
                NodeType.DARK_STORE,
                new Mix(
                        new Kind[] {Kind.RECEIPT, Kind.PICK, Kind.ADJUSTMENT, Kind.CYCLE_COUNT},
                        new int[] {20, 56, 8, 16}));
        MIX.put(
                NodeType.THREE_PL,
                new Mix(new Kind[] {Kind.SNAPSHOT, Kind.THREE_PL_ADJUSTMENT}, new int[] {50, 50}));
    }

    /** The event kinds generated, each with its topic and the on-hand change it makes. */
    enum Kind {
        SALE(POS_TOPIC),
        RETURN(POS_TOPIC),
        RECEIPT(WMS_TOPIC),
        PICK(WMS_TOPIC),
        SHIP(WMS_TOPIC),
        ADJUSTMENT(WMS_TOPIC),
        DAMAGE(WMS_TOPIC),
        CYCLE_COUNT(WMS_TOPIC),
        SNAPSHOT(THREE_PL_TOPIC),
        THREE_PL_ADJUSTMENT(THREE_PL_TOPIC);

        final byte topic;

        Kind(byte topic) {
            this.topic = topic;
        }

        boolean isCount() {
            return this == CYCLE_COUNT || this == SNAPSHOT;
        }
    }

    private record Mix(Kind[] kinds, int[] weights) {
        Kind draw(SplittableRandom rng) {
            int r = rng.nextInt(100);
            for (int i = 0; i < kinds.length; i++) {
                r -= weights[i];
                if (r < 0) {
                    return kinds[i];
                }
            }
            throw new IllegalStateException("weights must add up to 100");
        }
    }

    /** One Kafka partition's records in offset order. */
    static final class Partition {
        private byte[] topics = new byte[1024];
        private byte[][] keys = new byte[1024][];
        private byte[][] values = new byte[1024][];
        private int size;

        int size() {
            return size;
        }

        ConsumerRecord<byte[], byte[]> record(int partition, int offset) {
            return new ConsumerRecord<>(
                    TOPICS[topics[offset]], partition, offset, keys[offset], values[offset]);
        }

        private void add(byte topic, byte[] key, byte[] value) {
            if (size == values.length) {
                int grown = size * 2;
                topics = Arrays.copyOf(topics, grown);
                keys = Arrays.copyOf(keys, grown);
                values = Arrays.copyOf(values, grown);
            }
            topics[size] = topic;
            keys[size] = key;
            values[size] = value;
            size++;
        }

        private void addCopyOf(int offset) {
            add(topics[offset], keys[offset], values[offset]);
        }
    }

    final int skus;
    final long events;
    final long duplicates;
    final long counts;
    final long maxEventTime;
    final Map<Kind, Long> kinds;
    private final byte[][] nodeKeys;
    private final byte[][] nodeValues;
    private final Partition[] partitions;

    private LedgerInput(
            int skus,
            long events,
            long duplicates,
            long counts,
            long maxEventTime,
            Map<Kind, Long> kinds,
            byte[][] nodeKeys,
            byte[][] nodeValues,
            Partition[] partitions) {
        this.skus = skus;
        this.events = events;
        this.duplicates = duplicates;
        this.counts = counts;
        this.maxEventTime = maxEventTime;
        this.kinds = kinds;
        this.nodeKeys = nodeKeys;
        this.nodeValues = nodeValues;
        this.partitions = partitions;
    }

    long positions() {
        return (long) skus * NODES;
    }

    int nodeRecords() {
        return nodeValues.length;
    }

    /** The i-th {@code network.nodes} record (they come before any inventory event). */
    ConsumerRecord<byte[], byte[]> nodeRecord(int i) {
        return new ConsumerRecord<>(TOPICS[NODES_TOPIC], 0, i, nodeKeys[i], nodeValues[i]);
    }

    int partitionCount() {
        return partitions.length;
    }

    Partition partition(int p) {
        return partitions[p];
    }

    /**
     * Generates and encodes the input.
     *
     * @param skus SKUs in the catalog: positions = skus x {@value #NODES} nodes
     * @param events inventory records, duplicates included
     * @param partitions Kafka partitions (by SKU)
     */
    static LedgerInput generate(int skus, long events, int partitions, long seed) {
        RetailNetwork network =
                RetailNetwork.build(
                        NetworkConfig.builder()
                                .seed(seed)
                                .stores(STORES)
                                .darkStores(DARK_STORES)
                                .dcs(DCS)
                                .threePls(THREE_PLS)
                                .skus(skus)
                                .build());
        List<NodeRecord> nodes = network.nodes();
        AvroCodec<NodeRecord> nodeCodec = Topics.NODES.codec();
        byte[][] nodeKeys = new byte[nodes.size()][];
        byte[][] nodeValues = new byte[nodes.size()][];
        String[] nodeIds = new String[nodes.size()];
        Mix[] mixes = new Mix[nodes.size()];
        for (int n = 0; n < nodes.size(); n++) {
            NodeRecord node = nodes.get(n);
            nodeIds[n] = node.getNodeId();
            nodeKeys[n] = utf8(node.getNodeId());
            nodeValues[n] = nodeCodec.encode(node);
            mixes[n] = MIX.get(node.getType());
        }
        String[] skuIds = new String[skus];
        byte[][] skuKeys = new byte[skus][];
        for (int s = 0; s < skus; s++) {
            skuIds[s] = network.skus().get(s).id();
            skuKeys[s] = utf8(skuIds[s]);
        }

        long end = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();
        long start = end - SPAN.toMillis();
        PartitionRun[] runs =
                IntStream.range(0, partitions)
                        .parallel()
                        .mapToObj(
                                p ->
                                        generatePartition(
                                                p,
                                                partitions,
                                                events / partitions
                                                        + (p < events % partitions ? 1 : 0),
                                                skuIds,
                                                skuKeys,
                                                nodeIds,
                                                mixes,
                                                start,
                                                seed))
                        .toArray(PartitionRun[]::new);
        Partition[] logs = new Partition[partitions];
        long duplicates = 0;
        long counts = 0;
        long maxEventTime = start;
        Map<Kind, Long> kinds = new EnumMap<>(Kind.class);
        for (int p = 0; p < partitions; p++) {
            logs[p] = runs[p].log;
            duplicates += runs[p].duplicates;
            counts += runs[p].counts;
            maxEventTime = Math.max(maxEventTime, runs[p].maxEventTime);
            runs[p].kinds.forEach((kind, n) -> kinds.merge(kind, n, Long::sum));
        }
        return new LedgerInput(
                skus, events, duplicates, counts, maxEventTime, kinds, nodeKeys, nodeValues, logs);
    }

    /** One partition's records and what they hold. */
    private static final class PartitionRun {
        final Partition log = new Partition();
        final Map<Kind, Long> kinds = new EnumMap<>(Kind.class);
        long duplicates;
        long counts;
        long maxEventTime;
    }

    /**
     * The records of partition {@code p}: its SKUs are those with index mod partitions = p, so it
     * tracks their on-hand alone; its event times rise over the same span as every partition's.
     */
    private static PartitionRun generatePartition(
            int p,
            int partitions,
            long events,
            String[] skuIds,
            byte[][] skuKeys,
            String[] nodeIds,
            Mix[] mixes,
            long start,
            long seed) {
        PartitionRun run = new PartitionRun();
        Encoder encoder = new Encoder(seed, p);
        SplittableRandom rng = new SplittableRandom(seed * 31 + p);
        int skus = (skuIds.length - p + partitions - 1) / partitions;
        int nodes = nodeIds.length;
        int[] onHand = new int[skus * nodes];
        long span = SPAN.toMillis();
        for (long i = 0; i < events; i++) {
            if (run.log.size() > 0 && rng.nextDouble() < DUPLICATE_RATE) {
                run.log.addCopyOf(run.log.size() - 1 - rng.nextInt(Math.min(run.log.size(), 1000)));
                run.duplicates++;
                continue;
            }
            int position = rng.nextInt(onHand.length);
            int sku = position / nodes * partitions + p;
            int node = position % nodes;
            Kind kind = mixes[node].draw(rng);
            long time = start + span * i / events;
            run.maxEventTime = time;
            int quantity = quantity(kind, onHand[position], rng);
            if (kind.isCount()) {
                onHand[position] = quantity;
                run.counts++;
            } else {
                onHand[position] += signed(kind, quantity);
            }
            run.kinds.merge(kind, 1L, Long::sum);
            run.log.add(
                    kind.topic,
                    skuKeys[sku],
                    encoder.encode(kind, skuIds[sku], nodeIds[node], time, quantity));
        }
        return run;
    }

    private static int quantity(Kind kind, int onHand, SplittableRandom rng) {
        return switch (kind) {
            case SALE -> rng.nextInt(10) < 8 ? 1 : 2 + rng.nextInt(2);
            case RETURN -> 1;
            case RECEIPT -> 6 * (1 + rng.nextInt(8));
            case PICK -> 1 + rng.nextInt(4);
            case SHIP -> 1 + rng.nextInt(10);
            case DAMAGE -> 1 + rng.nextInt(2);
            case ADJUSTMENT, THREE_PL_ADJUSTMENT -> {
                int units = 1 + rng.nextInt(5);
                yield rng.nextBoolean() ? units : -units;
            }
            case CYCLE_COUNT, SNAPSHOT -> {
                int shrink = rng.nextDouble() < SHRINK_RATE ? 1 + rng.nextInt(3) : 0;
                yield Math.max(0, onHand - shrink);
            }
        };
    }

    private static int signed(Kind kind, int quantity) {
        return switch (kind) {
            case SALE, PICK, SHIP, DAMAGE -> -quantity;
            default -> quantity;
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Encodes events with the topics' own codecs, reusing one record per topic. */
    private static final class Encoder {
        private final AvroCodec<PosEvent> posCodec = Topics.POS.codec();
        private final AvroCodec<WmsEvent> wmsCodec = Topics.WMS.codec();
        private final AvroCodec<ThreePlEvent> threePlCodec = Topics.THREE_PL.codec();
        private final PosEvent pos = new PosEvent();
        private final WmsEvent wms = new WmsEvent();
        private final ThreePlEvent threePl = new ThreePlEvent();
        private final String prefix;
        private long nextId;

        Encoder(long seed, int partition) {
            prefix = "-" + Long.toUnsignedString(seed, 36) + "p" + partition + "-";
        }

        byte[] encode(Kind kind, String sku, String nodeId, long time, int quantity) {
            String id = Long.toString(nextId++, 36);
            Instant at = Instant.ofEpochMilli(time);
            return switch (kind.topic) {
                case POS_TOPIC -> {
                    pos.setEventId("pos" + prefix + id);
                    pos.setEventTime(at);
                    pos.setSku(sku);
                    pos.setNodeId(nodeId);
                    pos.setType(kind == Kind.SALE ? PosEventType.SALE : PosEventType.RETURN);
                    pos.setQuantity(quantity);
                    pos.setVoidedEventId(null);
                    pos.setTransactionId("till" + prefix + id);
                    yield posCodec.encode(pos);
                }
                case WMS_TOPIC -> {
                    wms.setEventId("wms" + prefix + id);
                    wms.setEventTime(at);
                    wms.setSku(sku);
                    wms.setNodeId(nodeId);
                    wms.setType(WmsEventType.valueOf(kind.name()));
                    wms.setQuantity(quantity);
                    wms.setAsnId(null);
                    wms.setCounterpartNodeId(null);
                    wms.setReasonCode(
                            kind == Kind.ADJUSTMENT || kind == Kind.DAMAGE ? "SHRINK" : null);
                    yield wmsCodec.encode(wms);
                }
                default -> {
                    threePl.setEventId("3pl" + prefix + id);
                    threePl.setEventTime(at);
                    threePl.setSku(sku);
                    threePl.setNodeId(nodeId);
                    threePl.setType(
                            kind == Kind.SNAPSHOT
                                    ? ThreePlEventType.SNAPSHOT
                                    : ThreePlEventType.ADJUSTMENT);
                    threePl.setQuantity(quantity);
                    threePl.setAsnId(null);
                    threePl.setEta(null);
                    threePl.setBatchId(kind == Kind.SNAPSHOT ? "batch" + prefix + time : null);
                    yield threePlCodec.encode(threePl);
                }
            };
        }
    }
}

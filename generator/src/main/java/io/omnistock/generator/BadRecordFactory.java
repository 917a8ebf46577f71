package io.omnistock.generator;

import io.omnistock.avro.ChannelControl;
import io.omnistock.avro.ChannelControlKind;
import io.omnistock.avro.ChannelDefinition;
import io.omnistock.avro.ChannelScope;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.HoldAction;
import io.omnistock.avro.HoldRequest;
import io.omnistock.avro.LifecycleType;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLifecycleEvent;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.PosEventType;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.SafetyStockRule;
import io.omnistock.avro.SafetyStockScope;
import io.omnistock.avro.SkuRecord;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.ThreePlEventType;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Builds malformed records of every {@link BadRecordKind}. Apart from their one defect they look
 * like the real thing: existing SKUs and nodes, keys equal to the SKU (node id on {@code
 * network.nodes}, order id on the order topics), unique event ids, event times inside the run. Not
 * thread-safe.
 */
final class BadRecordFactory {
    private static final int OVERSIZED_BYTES = 100 * 1024;
    private static final int ABSURD_QUANTITY = 10_000_000;
    private static final Duration FAR = Duration.ofDays(30);
    private static final Duration A_YEAR = Duration.ofDays(365);

    /** An index beyond PosEventType's three symbols. */
    private static final int BAD_ENUM_INDEX = 7;

    private static final String UNKNOWN_NODE_ID = "STORE-000";

    /** No catalog has it: catalogs start at {@code SKU-00001}. */
    static final String UNKNOWN_SKU_ID = "SKU-00000";

    /** A channel id no shop uses: a bad channel record never touches a real channel. */
    static final String UNKNOWN_CHANNEL_ID = "NO-SUCH-CHANNEL";

    private static final Duration ORDER_PROMISE = Duration.ofDays(3);

    private final List<Sku> skus;
    private final List<NodeRecord> stores;
    private final List<NodeRecord> warehouses;
    private final List<NodeRecord> threePlNodes;
    private final long futureTime;
    private final long tooLateTime;
    private final long yearOldTime;
    private final SplittableRandom rng;
    private final IdSource ids;
    private final AvroCodec<PosEvent> posCodec = Topics.POS.codec();
    private final AvroCodec<WmsEvent> wmsCodec = Topics.WMS.codec();
    private final AvroCodec<ThreePlEvent> threePlCodec = Topics.THREE_PL.codec();
    private final AvroCodec<NodeRecord> nodeCodec = Topics.NODES.codec();
    private final AvroCodec<OrderLifecycleEvent> lifecycleCodec = Topics.ORDER_LIFECYCLE.codec();
    private final OrderRecords orderRecords = new OrderRecords();
    private int badNodes;

    BadRecordFactory(
            RetailNetwork network, NetworkConfig config, SplittableRandom rng, IdSource ids) {
        this.skus = network.skus();
        this.stores = network.nodesOfType(NodeType.STORE);
        this.warehouses = network.nodesOfType(NodeType.DC);
        List<NodeRecord> threePls = network.nodesOfType(NodeType.THREE_PL);
        this.threePlNodes = threePls.isEmpty() ? warehouses : threePls;
        this.futureTime = config.wallClock().plus(FAR).toEpochMilli();
        this.tooLateTime = config.start().minus(FAR).toEpochMilli();
        this.yearOldTime = config.start().minus(A_YEAR).toEpochMilli();
        this.rng = rng;
        this.ids = ids;
    }

    /**
     * A malformed record of {@code kind}, sent at simulated time {@code time}. {@code sale} must be
     * a sale already sent (and, for DUPLICATE_VOID, already voided by a valid VOID) when {@link
     * BadRecordKind#needsSale()}.
     */
    GeneratedRecord create(BadRecordKind kind, long time, SaleRef sale) {
        return create(kind, time, sale, null);
    }

    /**
     * A malformed record of {@code kind}, sent at simulated time {@code time}. {@code sale} as for
     * {@link #create(BadRecordKind, long, SaleRef)}; {@code earlierOrderId} must be the id of an
     * order already sent when {@link BadRecordKind#needsOrder()}.
     */
    GeneratedRecord create(BadRecordKind kind, long time, SaleRef sale, String earlierOrderId) {
        if (kind.needsSale() && sale == null) {
            throw new IllegalArgumentException(kind + " needs a sale");
        }
        if (kind.needsOrder() && earlierOrderId == null) {
            throw new IllegalArgumentException(kind + " needs an earlier order");
        }
        int skuIndex = rng.nextInt(skus.size());
        String sku = skus.get(skuIndex).id();
        NodeRecord storeRecord = any(stores);
        String store = storeRecord.getNodeId();
        String dc = any(warehouses).getNodeId();
        String threePl = any(threePlNodes).getNodeId();
        return switch (kind) {
            case EMPTY_PAYLOAD -> bytes(kind, sku, new byte[0], time);
            case OVERSIZED_PAYLOAD -> bytes(kind, sku, randomBytes(OVERSIZED_BYTES), time);
            case RANDOM_BYTES -> {
                byte[] junk = randomBytes(16 + rng.nextInt(48));
                junk[0] = 1; // zig-zag -1: a negative string length
                yield bytes(kind, sku, junk, time);
            }
            case TRUNCATED_RECORD -> {
                byte[] whole = wmsCodec.encode(wms(time, sku, dc, WmsEventType.PICK, 2, null));
                yield bytes(kind, sku, Arrays.copyOf(whole, whole.length / 2), time);
            }
            case TRAILING_BYTES -> {
                byte[] whole =
                        threePlCodec.encode(
                                threePl(time, sku, threePl, ThreePlEventType.ADJUSTMENT, 2));
                byte[] longer = Arrays.copyOf(whole, whole.length + 3);
                longer[whole.length] = 2;
                longer[whole.length + 1] = 4;
                longer[whole.length + 2] = 6;
                yield bytes(kind, sku, longer, time);
            }
            case NULL_KEY -> pos(kind, null, sale(time, sku, store, 1));
            case KEY_MISMATCH ->
                    wms(
                            kind,
                            skus.size() > 1
                                    ? skus.get((skuIndex + 1) % skus.size()).id()
                                    : "SKU-00000",
                            wms(time, sku, dc, WmsEventType.ADJUSTMENT, 3, null));
            case BLANK_EVENT_ID -> {
                PosEvent e = sale(time, sku, store, 1);
                e.setEventId("");
                yield pos(kind, sku, e);
            }
            case BLANK_SKU -> wms(kind, "", wms(time, "", dc, WmsEventType.PICK, 1, null));
            case BLANK_NODE_ID ->
                    threePl(kind, sku, threePl(time, sku, "", ThreePlEventType.ADJUSTMENT, 4));
            case UNKNOWN_NODE -> pos(kind, sku, sale(time, sku, UNKNOWN_NODE_ID, 1));
            case ZERO_QUANTITY_SALE -> pos(kind, sku, sale(time, sku, store, 0));
            case NEGATIVE_RECEIPT ->
                    wms(kind, sku, wms(time, sku, dc, WmsEventType.RECEIPT, -5, null));
            case NEGATIVE_CYCLE_COUNT ->
                    wms(kind, sku, wms(time, sku, store, WmsEventType.CYCLE_COUNT, -1, null));
            case NEGATIVE_SNAPSHOT -> {
                ThreePlEvent e = threePl(time, sku, threePl, ThreePlEventType.SNAPSHOT, -3);
                e.setBatchId("SNAP-" + threePl + "-" + e.getEventId());
                yield threePl(kind, sku, e);
            }
            case ABSURD_QUANTITY ->
                    wms(kind, sku, wms(time, sku, dc, WmsEventType.RECEIPT, ABSURD_QUANTITY, null));
            case ZERO_ADJUSTMENT ->
                    wms(kind, sku, wms(time, sku, dc, WmsEventType.ADJUSTMENT, 0, null));
            case ZERO_THREE_PL_ADJUSTMENT ->
                    threePl(kind, sku, threePl(time, sku, threePl, ThreePlEventType.ADJUSTMENT, 0));
            case FUTURE_EVENT_TIME -> pos(kind, sku, sale(futureTime, sku, store, 1), time);
            case TOO_LATE ->
                    wms(kind, sku, wms(tooLateTime, sku, dc, WmsEventType.RECEIPT, 5, null), time);
            case VOID_WITHOUT_REFERENCE -> pos(kind, sku, voidOf(time, sku, store, null, 1));
            case VOID_OF_UNKNOWN_SALE ->
                    pos(kind, sku, voidOf(time, sku, store, "never-sold-" + ids.next(), 1));
            case VOID_AT_OTHER_NODE ->
                    pos(
                            kind,
                            sale.sku(),
                            voidOf(time, sale.sku(), otherNode(sale.nodeId()), sale.saleId(), 1));
            case DUPLICATE_VOID ->
                    pos(
                            kind,
                            sale.sku(),
                            voidOf(
                                    time,
                                    sale.sku(),
                                    sale.nodeId(),
                                    sale.saleId(),
                                    sale.quantity()));
            case ASN_WITHOUT_ETA -> {
                ThreePlEvent e = threePl(time, sku, dc, ThreePlEventType.ASN, 12);
                e.setAsnId("ASN-" + e.getEventId());
                yield threePl(kind, sku, e);
            }
            case SELF_TRANSFER ->
                    wms(kind, sku, wms(time, sku, dc, WmsEventType.TRANSFER_OUT, 6, dc));
            case LATITUDE_OUT_OF_RANGE -> node(kind, time, "STORE", 200, -1.5, "UK-MIDLANDS");
            case NAN_LONGITUDE -> node(kind, time, "STORE", 52.2, Double.NaN, "UK-MIDLANDS");
            case BLANK_NODE_RECORD_ID -> node(kind, time, null, 51.5, -0.12, "UK-LONDON");
            case BLANK_REGION -> node(kind, time, "DC", 40.6, -75.47, "");
            case NEGATIVE_SAFETY_STOCK -> node(kind, time, r -> r.setSafetyStock(-1));
            case ABSURD_SAFETY_STOCK -> node(kind, time, r -> r.setSafetyStock(2_000_000));
            case NEGATIVE_CAPACITY -> node(kind, time, r -> r.setDailyOrderCapacity(-1));
            case REPEATED_NODE_GROUP ->
                    node(kind, time, r -> r.setGroups(List.of("BRAND-A", "BRAND-A")));
            case EMPTY_ORDER -> {
                OrderRequest o = order(time, sku, storeRecord);
                o.setLines(new ArrayList<>());
                yield order(kind, o);
            }
            case ZERO_QUANTITY_ORDER_LINE -> {
                OrderRequest o = order(time, sku, storeRecord);
                o.getLines().get(0).setQuantity(0);
                yield order(kind, o);
            }
            case ORDER_OF_UNKNOWN_SKU -> order(kind, order(time, UNKNOWN_SKU_ID, storeRecord));
            case ORDER_OF_UNKNOWN_NODE_GROUP -> {
                OrderRequest o = order(time, sku, storeRecord);
                o.setNodeGroup("NO-SUCH-GROUP");
                yield order(kind, o);
            }
            case ORDER_WITHOUT_DESTINATION -> {
                OrderRequest o = order(time, sku, storeRecord);
                o.setDestinationLatitude(null);
                o.setDestinationLongitude(null);
                yield order(kind, o);
            }
            case UNKNOWN_PICKUP_STORE -> {
                OrderRequest o = order(time, sku, storeRecord);
                o.setMethod(FulfilmentMethod.BOPIS);
                o.setDestinationLatitude(null);
                o.setDestinationLongitude(null);
                o.setPickupNodeId(UNKNOWN_NODE_ID);
                yield order(kind, o);
            }
            case UNSUPPORTED_ORDER_METHOD -> {
                OrderRequest o = order(time, sku, storeRecord);
                o.setMethod(FulfilmentMethod.SHIP_FROM_STORE);
                yield order(kind, o);
            }
            case DUPLICATE_ORDER_ID -> {
                OrderRequest o = order(time, sku, storeRecord);
                o.setOrderId(earlierOrderId);
                yield order(kind, o);
            }
            case LIFECYCLE_OF_UNKNOWN_ORDER ->
                    orderRecords.malformed(
                            OrderRecords.lifecycle(
                                    ids.next(),
                                    time,
                                    "ORD-never-placed-" + ids.next(),
                                    LifecycleType.CANCELLED),
                            kind.reason());
            case WMS_EVENT_ON_POS ->
                    bytes(
                            kind,
                            sku,
                            wmsCodec.encode(wms(time, sku, store, WmsEventType.RECEIPT, 4, null)),
                            time);
            case POS_EVENT_ON_WMS ->
                    bytes(kind, sku, posCodec.encode(bareSale(time, sku, dc)), time);
            case POS_EVENT_ON_THREE_PL ->
                    bytes(kind, sku, posCodec.encode(bareSale(time, sku, threePl)), time);
            case ENUM_INDEX_OUT_OF_RANGE ->
                    bytes(kind, sku, saleWithEnumIndex(time, sku, store, BAD_ENUM_INDEX), time);
            case EMPTY_KEY ->
                    threePl(kind, "", threePl(time, sku, threePl, ThreePlEventType.ADJUSTMENT, 2));
            case TRUNCATED_THREE_PL ->
                    bytes(
                            kind,
                            sku,
                            half(
                                    threePlCodec.encode(
                                            threePl(
                                                    time,
                                                    sku,
                                                    threePl,
                                                    ThreePlEventType.ADJUSTMENT,
                                                    2))),
                            time);
            case TRUNCATED_NODE_RECORD -> {
                NodeRecord record = nodeRecord(time, "STORE", 51.5, -0.12, "UK-LONDON");
                yield bytes(kind, record.getNodeId(), half(nodeCodec.encode(record)), time);
            }
            case RANDOM_BYTES_ORDER -> {
                byte[] junk = randomBytes(16 + rng.nextInt(48));
                junk[0] = 1; // zig-zag -1: a negative string length
                yield bytes(kind, "ORD-" + ids.next(), junk, time);
            }
            case TRUNCATED_LIFECYCLE -> {
                String orderId = "ORD-never-placed-" + ids.next();
                OrderLifecycleEvent e =
                        OrderRecords.lifecycle(ids.next(), time, orderId, LifecycleType.CANCELLED);
                yield bytes(kind, orderId, half(lifecycleCodec.encode(e)), time);
            }
            case EVENT_A_YEAR_OLD -> pos(kind, sku, sale(yearOldTime, sku, store, 1), time);
            case UNGRADED_RETURN_RECEIVED ->
                    orderRecords.malformed(
                            OrderLifecycleEvent.newBuilder(
                                            OrderRecords.lifecycle(
                                                    ids.next(),
                                                    time,
                                                    "ORD-" + ids.next(),
                                                    LifecycleType.RETURN_RECEIVED))
                                    .setSku(sku)
                                    .setQuantity(1)
                                    .setReceivingNodeId(store)
                                    .build(),
                            kind.reason());
            case RANDOM_BYTES_QUOTE -> {
                byte[] junk = randomBytes(16 + rng.nextInt(48));
                junk[0] = 1; // zig-zag -1: a negative string length
                yield bytes(kind, "QUOTE-" + ids.next(), junk, time);
            }
            case RANDOM_BYTES_HOLD -> {
                byte[] junk = randomBytes(16 + rng.nextInt(48));
                junk[0] = 1; // zig-zag -1: a negative string length
                yield bytes(kind, sku, junk, time);
            }
            case HOLD_WITHOUT_TTL -> {
                HoldRequest hold =
                        HoldRequest.newBuilder()
                                .setEventId(ids.next())
                                .setEventTime(Instant.ofEpochMilli(time))
                                .setHoldId("HOLD-" + ids.next())
                                .setSku(sku)
                                .setAction(HoldAction.HOLD)
                                .setNodeId(null)
                                .setQuantity(1)
                                .setTtlSeconds(0)
                                .setChannel("WEB")
                                .build();
                yield bytes(kind, sku, Topics.HOLD_REQUESTS.codec().encode(hold), time);
            }
            case RANDOM_BYTES_CHANNEL -> {
                byte[] junk = randomBytes(16 + rng.nextInt(48));
                junk[0] = 1; // zig-zag -1: a negative string length
                yield bytes(kind, UNKNOWN_CHANNEL_ID, junk, time);
            }
            case CHANNEL_WITH_ABSURD_PERCENT -> {
                ChannelDefinition channel =
                        ChannelDefinition.newBuilder()
                                .setEventId(ids.next())
                                .setEventTime(Instant.ofEpochMilli(time))
                                .setChannel(UNKNOWN_CHANNEL_ID)
                                .setControls(
                                        List.of(
                                                ChannelControl.newBuilder()
                                                        .setKind(ChannelControlKind.BUFFER)
                                                        .setScope(ChannelScope.SKU)
                                                        .setSku(UNKNOWN_SKU_ID)
                                                        .setPercent(150)
                                                        .build()))
                                .build();
                yield bytes(
                        kind, UNKNOWN_CHANNEL_ID, Topics.CHANNELS.codec().encode(channel), time);
            }
            case RANDOM_BYTES_SKU_RECORD, RANDOM_BYTES_SAFETY_STOCK_RULE -> {
                byte[] junk = randomBytes(16 + rng.nextInt(48));
                junk[0] = 1; // zig-zag -1: a negative string length
                yield bytes(kind, UNKNOWN_SKU_ID, junk, time);
            }
            case SKU_RECORD_WITHOUT_CATEGORY -> {
                SkuRecord record =
                        new SkuRecord(ids.next(), Instant.ofEpochMilli(time), UNKNOWN_SKU_ID, " ");
                yield bytes(kind, UNKNOWN_SKU_ID, Topics.SKUS.codec().encode(record), time);
            }
            case NEGATIVE_SAFETY_STOCK_RULE -> {
                SafetyStockRule rule =
                        SafetyStockRule.newBuilder()
                                .setEventId(ids.next())
                                .setEventTime(Instant.ofEpochMilli(time))
                                .setScope(SafetyStockScope.SKU)
                                .setSku(UNKNOWN_SKU_ID)
                                .setUnits(-1)
                                .build();
                yield bytes(
                        kind,
                        "SKU|" + UNKNOWN_SKU_ID,
                        Topics.SAFETY_STOCK.codec().encode(rule),
                        time);
            }
        };
    }

    /** A sale without the optional fields (voidedEventId and transactionId both null). */
    private PosEvent bareSale(long time, String sku, String nodeId) {
        PosEvent e = sale(time, sku, nodeId, 1);
        e.setTransactionId(null);
        return e;
    }

    /**
     * A sale of one unit written field by field as raw Avro binary, with {@code enumIndex} as its
     * type: what a producer with a newer PosEventType (a symbol this reader lacks) would write.
     */
    private byte[] saleWithEnumIndex(long time, String sku, String nodeId, int enumIndex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            encoder.writeString(ids.next()); // eventId
            encoder.writeLong(time); // eventTime
            encoder.writeString(sku);
            encoder.writeString(nodeId);
            encoder.writeEnum(enumIndex); // type
            encoder.writeInt(1); // quantity
            encoder.writeIndex(0); // voidedEventId: null
            encoder.writeIndex(0); // transactionId: null
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] half(byte[] whole) {
        return Arrays.copyOf(whole, whole.length / 2);
    }

    /**
     * A valid-looking web order: one unit of {@code sku} delivered home a few hundred metres from
     * {@code store}, promised in three days.
     */
    private OrderRequest order(long time, String sku, NodeRecord store) {
        List<OrderLine> lines = new ArrayList<>(List.of(new OrderLine(sku, 1)));
        return new OrderRequest(
                ids.next(),
                Instant.ofEpochMilli(time),
                "ORD-" + ids.next(),
                "WEB",
                lines,
                FulfilmentMethod.SHIP_TO_HOME,
                true,
                store.getLatitude() + 0.004,
                store.getLongitude() - 0.006,
                store.getPostalCode(),
                null,
                Instant.ofEpochMilli(time).plus(ORDER_PROMISE),
                RoutingPreference.BALANCED,
                store.getRegion(),
                null,
                new ArrayList<>(),
                null,
                false);
    }

    private GeneratedRecord order(BadRecordKind kind, OrderRequest order) {
        return orderRecords.malformed(order, kind.reason());
    }

    // ---------------------------------------------------------------- valid-looking parts

    PosEvent sale(long time, String sku, String nodeId, int qty) {
        return new PosEvent(
                ids.next(),
                Instant.ofEpochMilli(time),
                sku,
                nodeId,
                PosEventType.SALE,
                qty,
                null,
                "TXN-" + ids.next());
    }

    PosEvent voidOf(long time, String sku, String nodeId, String saleId, int qty) {
        return new PosEvent(
                ids.next(),
                Instant.ofEpochMilli(time),
                sku,
                nodeId,
                PosEventType.VOID,
                qty,
                saleId,
                null);
    }

    /** A VALID record of a till event (the corpus's prerequisite sale and void). */
    GeneratedRecord valid(PosEvent e) {
        long time = e.getEventTime().toEpochMilli();
        return new GeneratedRecord(
                Topics.POS.name(),
                e.getSku(),
                posCodec.encode(e),
                time,
                GeneratedRecord.Kind.VALID,
                null,
                time);
    }

    private WmsEvent wms(
            long time, String sku, String nodeId, WmsEventType type, int qty, String counterpart) {
        return new WmsEvent(
                ids.next(),
                Instant.ofEpochMilli(time),
                sku,
                nodeId,
                type,
                qty,
                null,
                counterpart,
                null);
    }

    private ThreePlEvent threePl(
            long time, String sku, String nodeId, ThreePlEventType type, int qty) {
        return new ThreePlEvent(
                ids.next(), Instant.ofEpochMilli(time), sku, nodeId, type, qty, null, null, null);
    }

    private GeneratedRecord node(
            BadRecordKind kind, long time, String idPrefix, double lat, double lon, String region) {
        NodeRecord record = nodeRecord(time, idPrefix, lat, lon, region);
        return malformed(kind, record.getNodeId(), nodeCodec.encode(record), time, time);
    }

    /**
     * A sound store record for a node id no network uses, with one figure changed by {@code bad}.
     */
    private GeneratedRecord node(BadRecordKind kind, long time, Consumer<NodeRecord> bad) {
        NodeRecord record = nodeRecord(time, "STORE", 53.4, -2.24, "UK-NORTH");
        bad.accept(record);
        return malformed(kind, record.getNodeId(), nodeCodec.encode(record), time, time);
    }

    /** A node record for a node id no network uses ("" when {@code idPrefix} is null). */
    private NodeRecord nodeRecord(
            long time, String idPrefix, double lat, double lon, String region) {
        String nodeId = idPrefix == null ? "" : "BAD-" + idPrefix + "-" + ++badNodes;
        return new NodeRecord(
                ids.next(),
                Instant.ofEpochMilli(time),
                nodeId,
                "Invalid node",
                idPrefix == null || idPrefix.equals("STORE") ? NodeType.STORE : NodeType.DC,
                lat,
                lon,
                region,
                "",
                100,
                1.0,
                List.of(FulfilmentMethod.SHIP_TO_HOME),
                1,
                NodeStatus.OPEN,
                "UTC",
                new ArrayList<>());
    }

    // ---------------------------------------------------------------- wrapping

    private GeneratedRecord pos(BadRecordKind kind, String key, PosEvent e) {
        return pos(kind, key, e, e.getEventTime().toEpochMilli());
    }

    private GeneratedRecord pos(BadRecordKind kind, String key, PosEvent e, long sentAt) {
        return malformed(kind, key, posCodec.encode(e), sentAt, e.getEventTime().toEpochMilli());
    }

    private GeneratedRecord wms(BadRecordKind kind, String key, WmsEvent e) {
        return wms(kind, key, e, e.getEventTime().toEpochMilli());
    }

    private GeneratedRecord wms(BadRecordKind kind, String key, WmsEvent e, long sentAt) {
        return malformed(kind, key, wmsCodec.encode(e), sentAt, e.getEventTime().toEpochMilli());
    }

    private GeneratedRecord threePl(BadRecordKind kind, String key, ThreePlEvent e) {
        long time = e.getEventTime().toEpochMilli();
        return malformed(kind, key, threePlCodec.encode(e), time, time);
    }

    private GeneratedRecord bytes(BadRecordKind kind, String key, byte[] value, long time) {
        return malformed(kind, key, value, time, time);
    }

    private static GeneratedRecord malformed(
            BadRecordKind kind, String key, byte[] value, long sentAt, long eventTime) {
        return new GeneratedRecord(
                kind.topic().name(),
                key,
                value,
                sentAt,
                GeneratedRecord.Kind.MALFORMED,
                kind.reason(),
                eventTime);
    }

    // ---------------------------------------------------------------- choices

    private <T> T any(List<T> list) {
        return list.get(rng.nextInt(list.size()));
    }

    /** A store other than {@code nodeId}, else a DC. */
    private String otherNode(String nodeId) {
        for (NodeRecord store : stores) {
            if (!store.getNodeId().equals(nodeId)) {
                return store.getNodeId();
            }
        }
        return warehouses.get(0).getNodeId();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i += 8) {
            long word = rng.nextLong();
            for (int j = i; j < Math.min(length, i + 8); j++) {
                bytes[j] = (byte) word;
                word >>>= 8;
            }
        }
        return bytes;
    }
}

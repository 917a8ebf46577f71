package io.omnistock.generator;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.util.Arrays;

/**
 * Every kind of malformed record the generator makes, with the topic it is sent to and the
 * dead-letter reason the engine must give. Each has exactly one defect: everything else about it
 * (key, ids, node, SKU, times) is valid. The inventory and node kinds come first; the order kinds
 * ({@link #isOrderKind()}) follow and only ever appear in the order stream and the corpus, so the
 * inventory stream draws from exactly the kinds it always did. The kinds added last ({@link
 * #isCorpusOnly()}: records written with another schema, an enum index out of range, an empty key,
 * truncated and random bytes on the topics that had none, an event a year old, an ungraded return,
 * bad SKU records and safety-stock rules, bad hold requests) appear only in the corpus, so
 * generated streams of a seed stay the same.
 *
 * <p>No kind yields {@code INVALID_TRANSITION}: it needs a lifecycle event for an order the engine
 * already knows, and an order and its lifecycle travel on two topics, which no publishing order can
 * sequence (a lifecycle event that overtakes its order is {@code UNKNOWN_ORDER}).
 */
public enum BadRecordKind {
    /** A zero-byte value. */
    EMPTY_PAYLOAD(Topics.POS, DeadLetterReason.EMPTY_PAYLOAD),
    /** A 100 KiB value (the engine reads at most 64 KiB). */
    OVERSIZED_PAYLOAD(Topics.WMS, DeadLetterReason.OVERSIZED_RECORD),
    /** Random bytes whose first string length is negative. */
    RANDOM_BYTES(Topics.POS, DeadLetterReason.UNDECODABLE),
    /** The first half of a valid record. */
    TRUNCATED_RECORD(Topics.WMS, DeadLetterReason.UNDECODABLE),
    /** A valid record followed by three extra bytes. */
    TRAILING_BYTES(Topics.THREE_PL, DeadLetterReason.TRAILING_BYTES),
    /** A valid sale with a null Kafka key. */
    NULL_KEY(Topics.POS, DeadLetterReason.MISSING_KEY),
    /** A valid adjustment keyed by another SKU. */
    KEY_MISMATCH(Topics.WMS, DeadLetterReason.KEY_MISMATCH),
    /** A sale with eventId "". */
    BLANK_EVENT_ID(Topics.POS, DeadLetterReason.MISSING_FIELD),
    /** A pick with sku "" (and key "", so the key matches). */
    BLANK_SKU(Topics.WMS, DeadLetterReason.MISSING_FIELD),
    /** A 3PL adjustment with nodeId "". */
    BLANK_NODE_ID(Topics.THREE_PL, DeadLetterReason.MISSING_FIELD),
    /** A sale at {@code STORE-000}, which no network has. */
    UNKNOWN_NODE(Topics.POS, DeadLetterReason.UNKNOWN_NODE),
    /** A sale of 0 units. */
    ZERO_QUANTITY_SALE(Topics.POS, DeadLetterReason.NON_POSITIVE_QUANTITY),
    /** A receipt of -5 units. */
    NEGATIVE_RECEIPT(Topics.WMS, DeadLetterReason.NON_POSITIVE_QUANTITY),
    /** A cycle count of -1. */
    NEGATIVE_CYCLE_COUNT(Topics.WMS, DeadLetterReason.NEGATIVE_COUNT),
    /** A 3PL snapshot of -3. */
    NEGATIVE_SNAPSHOT(Topics.THREE_PL, DeadLetterReason.NEGATIVE_COUNT),
    /** A receipt of 10,000,000 units (the engine's limit is 1,000,000). */
    ABSURD_QUANTITY(Topics.WMS, DeadLetterReason.ABSURD_QUANTITY),
    /** A WMS adjustment of 0. */
    ZERO_ADJUSTMENT(Topics.WMS, DeadLetterReason.ZERO_ADJUSTMENT),
    /** A 3PL adjustment of 0. */
    ZERO_THREE_PL_ADJUSTMENT(Topics.THREE_PL, DeadLetterReason.ZERO_ADJUSTMENT),
    /** A sale stamped 30 days after the wall clock. */
    FUTURE_EVENT_TIME(Topics.POS, DeadLetterReason.FUTURE_EVENT_TIME),
    /** A receipt stamped 30 days before the simulated start. */
    TOO_LATE(Topics.WMS, DeadLetterReason.TOO_LATE),
    /** A VOID without voidedEventId. */
    VOID_WITHOUT_REFERENCE(Topics.POS, DeadLetterReason.MISSING_REFERENCE),
    /** A VOID naming a sale id that never existed. */
    VOID_OF_UNKNOWN_SALE(Topics.POS, DeadLetterReason.UNKNOWN_SALE),
    /** A VOID naming a real sale, but at another node. */
    VOID_AT_OTHER_NODE(Topics.POS, DeadLetterReason.UNKNOWN_SALE),
    /** A second VOID (new eventId) of a sale already voided by a valid VOID. */
    DUPLICATE_VOID(Topics.POS, DeadLetterReason.DUPLICATE_VOID),
    /** An ASN without eta. */
    ASN_WITHOUT_ETA(Topics.THREE_PL, DeadLetterReason.MISSING_ETA),
    /** A TRANSFER_OUT whose counterpartNodeId is its own nodeId. */
    SELF_TRANSFER(Topics.WMS, DeadLetterReason.SELF_TRANSFER),
    /** A node record (for a node id the network does not use) with latitude 200. */
    LATITUDE_OUT_OF_RANGE(Topics.NODES, DeadLetterReason.INVALID_COORDINATES),
    /** A node record (for a node id the network does not use) with longitude NaN. */
    NAN_LONGITUDE(Topics.NODES, DeadLetterReason.INVALID_COORDINATES),
    /** A node record with nodeId "" (and key ""). */
    BLANK_NODE_RECORD_ID(Topics.NODES, DeadLetterReason.INVALID_NODE_RECORD),
    /** A node record (for a node id the network does not use) with region "". */
    BLANK_REGION(Topics.NODES, DeadLetterReason.INVALID_NODE_RECORD),
    /** An order without lines. */
    EMPTY_ORDER(Topics.ORDER_REQUESTS, DeadLetterReason.EMPTY_ORDER),
    /** An order whose one line asks for 0 units. */
    ZERO_QUANTITY_ORDER_LINE(Topics.ORDER_REQUESTS, DeadLetterReason.NON_POSITIVE_QUANTITY),
    /**
     * An order for {@code SKU-00000}, which no catalog has (found out when routing asks the
     * ledger).
     */
    ORDER_OF_UNKNOWN_SKU(Topics.ORDER_REQUESTS, DeadLetterReason.UNKNOWN_SKU),
    /** A SHIP_TO_HOME order without destination coordinates. */
    ORDER_WITHOUT_DESTINATION(Topics.ORDER_REQUESTS, DeadLetterReason.MISSING_DESTINATION),
    /** A BOPIS order to be picked up at {@code STORE-000}, which no network has. */
    UNKNOWN_PICKUP_STORE(Topics.ORDER_REQUESTS, DeadLetterReason.UNKNOWN_PICKUP_NODE),
    /** An order whose method is SHIP_FROM_STORE, a node capability rather than an order method. */
    UNSUPPORTED_ORDER_METHOD(Topics.ORDER_REQUESTS, DeadLetterReason.UNSUPPORTED_METHOD),
    /**
     * A second order (its own event id) reusing the order id of an order sent before it on the same
     * topic (same key, so same partition: it always arrives second).
     */
    DUPLICATE_ORDER_ID(Topics.ORDER_REQUESTS, DeadLetterReason.DUPLICATE_ORDER),
    /** A CANCELLED lifecycle event for an order id that was never placed. */
    LIFECYCLE_OF_UNKNOWN_ORDER(Topics.ORDER_LIFECYCLE, DeadLetterReason.UNKNOWN_ORDER),

    // ---- corpus only (never drawn into generated streams, so seeded runs stay as they were)

    /**
     * A WMS RECEIPT's bytes on {@code inventory.pos}. The first six fields line up (string, long,
     * string, string, enum, int; RECEIPT is index 0, which PosEventType has), PosEvent's two
     * optional fields read WmsEvent's asnId and counterpartNodeId (both null), and the byte of
     * WmsEvent's ninth field (reasonCode, null) is left over.
     */
    WMS_EVENT_ON_POS(Topics.POS, DeadLetterReason.TRAILING_BYTES, true),
    /**
     * A sale's bytes (no transaction id) on {@code inventory.wms}: WmsEvent has nine fields, a
     * PosEvent eight, so the bytes run out before the last one.
     */
    POS_EVENT_ON_WMS(Topics.WMS, DeadLetterReason.UNDECODABLE, true),
    /** A sale's bytes (no transaction id) on {@code inventory.3pl}: runs out as on WMS. */
    POS_EVENT_ON_THREE_PL(Topics.THREE_PL, DeadLetterReason.UNDECODABLE, true),
    /**
     * A sale written by hand as raw Avro whose type is enum index 7 (PosEventType has three
     * symbols).
     */
    ENUM_INDEX_OUT_OF_RANGE(Topics.POS, DeadLetterReason.UNDECODABLE, true),
    /** A valid 3PL adjustment with the key "" (treated like no key). */
    EMPTY_KEY(Topics.THREE_PL, DeadLetterReason.MISSING_KEY, true),
    /** The first half of a valid 3PL adjustment. */
    TRUNCATED_THREE_PL(Topics.THREE_PL, DeadLetterReason.UNDECODABLE, true),
    /** The first half of a valid node record (for a node id the network does not use). */
    TRUNCATED_NODE_RECORD(Topics.NODES, DeadLetterReason.UNDECODABLE, true),
    /** Random bytes whose first string length is negative, on {@code orders.requests}. */
    RANDOM_BYTES_ORDER(Topics.ORDER_REQUESTS, DeadLetterReason.UNDECODABLE, true),
    /** The first half of a valid CANCELLED lifecycle event. */
    TRUNCATED_LIFECYCLE(Topics.ORDER_LIFECYCLE, DeadLetterReason.UNDECODABLE, true),
    /** A sale stamped 365 days before the simulated start. */
    EVENT_A_YEAR_OLD(Topics.POS, DeadLetterReason.TOO_LATE, true),
    /** A RETURN_RECEIVED of one unit at a store without the grading the triage needs. */
    UNGRADED_RETURN_RECEIVED(Topics.ORDER_LIFECYCLE, DeadLetterReason.MISSING_FIELD, true),
    /** Random bytes whose first string length is negative, on {@code quotes.requests}. */
    RANDOM_BYTES_QUOTE(Topics.QUOTE_REQUESTS, DeadLetterReason.UNDECODABLE, true),
    /**
     * A node record (for a node id the network does not use) with safety stock -1: applied, it
     * would publish ATP above on-hand.
     */
    NEGATIVE_SAFETY_STOCK(Topics.NODES, DeadLetterReason.INVALID_NODE_RECORD, true),
    /** A node record with safety stock 2,000,000, above ledger.max-quantity. */
    ABSURD_SAFETY_STOCK(Topics.NODES, DeadLetterReason.ABSURD_QUANTITY, true),
    /** A node record with a daily order capacity of -1. */
    NEGATIVE_CAPACITY(Topics.NODES, DeadLetterReason.INVALID_NODE_RECORD, true),
    /** Random bytes whose first string length is negative, on {@code reference.skus}. */
    RANDOM_BYTES_SKU_RECORD(Topics.SKUS, DeadLetterReason.UNDECODABLE, true),
    /** A SKU record (for a SKU no catalog has) with a blank category. */
    SKU_RECORD_WITHOUT_CATEGORY(Topics.SKUS, DeadLetterReason.INVALID_SKU_RECORD, true),
    /** Random bytes whose first string length is negative, on {@code reference.safety-stock}. */
    RANDOM_BYTES_SAFETY_STOCK_RULE(Topics.SAFETY_STOCK, DeadLetterReason.UNDECODABLE, true),
    /**
     * A SKU rule (for a SKU no catalog has) holding back -1 units: applied, it would publish ATP
     * above on-hand.
     */
    NEGATIVE_SAFETY_STOCK_RULE(
            Topics.SAFETY_STOCK, DeadLetterReason.INVALID_SAFETY_STOCK_RULE, true),
    /** A node record listing the node group BRAND-A twice. */
    REPEATED_NODE_GROUP(Topics.NODES, DeadLetterReason.INVALID_NODE_RECORD, true),
    /** An order naming the node group {@code NO-SUCH-GROUP}, which no node belongs to. */
    ORDER_OF_UNKNOWN_NODE_GROUP(Topics.ORDER_REQUESTS, DeadLetterReason.UNKNOWN_NODE_GROUP, true),
    /** Random bytes whose first string length is negative, on {@code holds.requests}. */
    RANDOM_BYTES_HOLD(Topics.HOLD_REQUESTS, DeadLetterReason.UNDECODABLE, true),
    /** A HOLD of one unit of a real SKU with a TTL of 0 seconds. */
    HOLD_WITHOUT_TTL(Topics.HOLD_REQUESTS, DeadLetterReason.INVALID_HOLD_TTL, true),
    /** Random bytes whose first string length is negative, on {@code reference.channels}. */
    RANDOM_BYTES_CHANNEL(Topics.CHANNELS, DeadLetterReason.UNDECODABLE, true),
    /**
     * A channel (an id no shop uses) with a buffer of 150 % of a SKU no catalog has: a percentage
     * outside 0..100.
     */
    CHANNEL_WITH_ABSURD_PERCENT(Topics.CHANNELS, DeadLetterReason.INVALID_CHANNEL, true);

    private static final BadRecordKind[] INVENTORY_KINDS =
            Arrays.stream(values())
                    .filter(k -> !k.isOrderKind() && !k.corpusOnly)
                    .toArray(BadRecordKind[]::new);
    private static final BadRecordKind[] ORDER_KINDS =
            Arrays.stream(values())
                    .filter(k -> k.isOrderKind() && !k.corpusOnly)
                    .toArray(BadRecordKind[]::new);

    private final TopicSpec<?> topic;
    private final DeadLetterReason reason;
    private final boolean corpusOnly;

    BadRecordKind(TopicSpec<?> topic, DeadLetterReason reason) {
        this(topic, reason, false);
    }

    BadRecordKind(TopicSpec<?> topic, DeadLetterReason reason, boolean corpusOnly) {
        this.topic = topic;
        this.reason = reason;
        this.corpusOnly = corpusOnly;
    }

    public TopicSpec<?> topic() {
        return topic;
    }

    public DeadLetterReason reason() {
        return reason;
    }

    /** True for the kinds that name a real sale ({@link SaleRef}). */
    boolean needsSale() {
        return this == VOID_AT_OTHER_NODE || this == DUPLICATE_VOID;
    }

    /** True for the kinds that reuse the id of an order sent before. */
    boolean needsOrder() {
        return this == DUPLICATE_ORDER_ID;
    }

    /** True for the kinds sent on {@code orders.requests} or {@code orders.lifecycle}. */
    public boolean isOrderKind() {
        return topic == Topics.ORDER_REQUESTS || topic == Topics.ORDER_LIFECYCLE;
    }

    /** True for the kinds that appear only in {@link BadRecords#corpus}, never in a stream. */
    public boolean isCorpusOnly() {
        return corpusOnly;
    }

    /** The inventory and node kinds of generated streams, in declaration order (a fresh copy). */
    static BadRecordKind[] inventoryKinds() {
        return INVENTORY_KINDS.clone();
    }

    /** The order and lifecycle kinds of generated streams, in declaration order (a fresh copy). */
    static BadRecordKind[] orderKinds() {
        return ORDER_KINDS.clone();
    }
}

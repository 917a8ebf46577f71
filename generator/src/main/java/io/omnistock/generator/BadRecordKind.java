package io.omnistock.generator;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.connectors.TopicSpec;
import io.omnistock.connectors.Topics;

/**
 * Every kind of malformed record the generator makes, with the topic it is sent to and the
 * dead-letter reason the engine must give. Each has exactly one defect: everything else about it
 * (key, ids, node, SKU, times) is valid.
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
    BLANK_REGION(Topics.NODES, DeadLetterReason.INVALID_NODE_RECORD);

    private final TopicSpec<?> topic;
    private final DeadLetterReason reason;

    BadRecordKind(TopicSpec<?> topic, DeadLetterReason reason) {
        this.topic = topic;
        this.reason = reason;
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
}

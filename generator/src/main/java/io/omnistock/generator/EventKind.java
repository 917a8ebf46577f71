package io.omnistock.generator;

import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;

/** Every kind of valid event the world produces, with its topic and Avro {@code type} symbol. */
public enum EventKind {
    SALE(Topics.POS, "SALE"),
    RETURN(Topics.POS, "RETURN"),
    VOID(Topics.POS, "VOID"),
    /** A receipt without an ASN (a direct vendor delivery). */
    RECEIPT(Topics.WMS, "RECEIPT"),
    /** A receipt naming the {@code asnId} it receives against. */
    RECEIPT_AGAINST_ASN(Topics.WMS, "RECEIPT"),
    PICK(Topics.WMS, "PICK"),
    SHIP(Topics.WMS, "SHIP"),
    ADJUSTMENT(Topics.WMS, "ADJUSTMENT"),
    DAMAGE(Topics.WMS, "DAMAGE"),
    TRANSFER_OUT(Topics.WMS, "TRANSFER_OUT"),
    TRANSFER_IN(Topics.WMS, "TRANSFER_IN"),
    /** The first count of a position, during the opening hour (an opening balance). */
    OPENING_COUNT(Topics.WMS, "CYCLE_COUNT"),
    CYCLE_COUNT(Topics.WMS, "CYCLE_COUNT"),
    SNAPSHOT(Topics.THREE_PL, "SNAPSHOT"),
    THREE_PL_ADJUSTMENT(Topics.THREE_PL, "ADJUSTMENT"),
    ASN(Topics.THREE_PL, "ASN"),
    /** A later ASN event with the same {@code asnId}: new quantity and ETA. */
    ASN_REVISION(Topics.THREE_PL, "ASN");

    private final TopicSpec<?> topic;
    private final String type;

    EventKind(TopicSpec<?> topic, String type) {
        this.topic = topic;
        this.type = type;
    }

    public TopicSpec<?> topic() {
        return topic;
    }

    /** The Avro {@code type} symbol of the event. */
    public String type() {
        return type;
    }
}

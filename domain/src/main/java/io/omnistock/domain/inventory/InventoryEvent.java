package io.omnistock.domain.inventory;

import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.returns.ReturnedItem;

/**
 * One inventory fact from POS, WMS or 3PL, normalised to a single shape. A Flink POJO: public
 * fields and a no-argument constructor, so it is serialised without Kryo.
 */
public class InventoryEvent {
    /** Marks an absent time (e.g. no ETA). */
    public static final long NO_TIME = Long.MIN_VALUE;

    public String eventId;
    public long eventTime;
    public String sku;
    public String nodeId;
    public EventType type;

    /**
     * Units: positive for movements, signed for ADJUSTMENT, absolute for counts; for VOID the
     * voided sale's quantity is used instead.
     */
    public long quantity;

    /** VOID: the voided sale's event id; RECEIPT: the ASN received against (optional); ASN: id. */
    public String reference;

    /** Transfers: the other node. */
    public String counterpartNodeId;

    /** ASN: expected arrival, or {@link #NO_TIME}. */
    public long eta = NO_TIME;

    public SourceSystem source;

    /** RETURN: the returned item's grade and triage facts, or null for an ungraded till return. */
    public ReturnedItem returned;

    /** WMS: why the warehouse recorded the event (its {@code reasonCode}), or null. */
    public String reasonCode;

    /** 3PL: the snapshot batch the event belongs to (its {@code batchId}), or null. */
    public String batchId;

    public InventoryEvent() {}

    public InventoryEvent(
            String eventId,
            long eventTime,
            String sku,
            String nodeId,
            EventType type,
            long quantity,
            SourceSystem source) {
        this.eventId = eventId;
        this.eventTime = eventTime;
        this.sku = sku;
        this.nodeId = nodeId;
        this.type = type;
        this.quantity = quantity;
        this.source = source;
    }

    public InventoryEvent withReference(String reference) {
        this.reference = reference;
        return this;
    }

    public InventoryEvent withCounterpart(String counterpartNodeId) {
        this.counterpartNodeId = counterpartNodeId;
        return this;
    }

    public InventoryEvent withEta(long eta) {
        this.eta = eta;
        return this;
    }

    public InventoryEvent withReturned(ReturnedItem returned) {
        this.returned = returned;
        return this;
    }

    /** Sets the WMS reason code and the 3PL batch id (either may be null). */
    public InventoryEvent withDetails(String reasonCode, String batchId) {
        this.reasonCode = reasonCode;
        this.batchId = batchId;
        return this;
    }

    @Override
    public String toString() {
        return type + "[" + eventId + " " + sku + "@" + nodeId + " q=" + quantity + " t="
                + eventTime + "]";
    }
}

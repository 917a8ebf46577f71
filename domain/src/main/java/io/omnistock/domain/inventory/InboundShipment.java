package io.omnistock.domain.inventory;

/**
 * Units expected against one ASN at one node: in-transit = max(0, quantity - received). A Flink
 * POJO.
 */
public class InboundShipment {
    public String asnId;

    /** Latest announced quantity (0 while only receipts have been seen). */
    public long quantity;

    public long eta = InventoryEvent.NO_TIME;

    /** Event time of the ASN revision in force, or NO_TIME before the ASN itself arrived. */
    public long asnTime = InventoryEvent.NO_TIME;

    public long received;

    /**
     * Units of this ASN reserved for orders allowing future supply ({@link SkuPromises}): never
     * more than {@link #remaining()}; a receipt turns them into on-hand reservations.
     */
    public long promised;

    /** Latest event time that touched this shipment (drives expiry). */
    public long lastTouched;

    public InboundShipment() {}

    InboundShipment(String asnId) {
        this.asnId = asnId;
    }

    public long remaining() {
        return Math.max(0, quantity - received);
    }

    /** Units still expected that no order has been promised. */
    public long unpromised() {
        return Math.max(0, remaining() - promised);
    }
}

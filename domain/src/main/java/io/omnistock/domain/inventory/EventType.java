package io.omnistock.domain.inventory;

/**
 * Every kind of inventory fact the ledger accepts, with how it moves on-hand (docs/design.md 3.1).
 * Stored by ordinal in state and between tasks: add new kinds at the end.
 */
public enum EventType {
    SALE(Kind.DELTA, -1),
    RETURN(Kind.DELTA, +1),
    /** Reverses an earlier sale: +qty of that sale at the VOID's own time. */
    VOID(Kind.DELTA, +1),
    RECEIPT(Kind.DELTA, +1),
    PICK(Kind.DELTA, -1),
    SHIP(Kind.DELTA, -1),
    /** Signed: the quantity carries its own sign and is never zero. */
    ADJUSTMENT(Kind.DELTA, 0),
    DAMAGE(Kind.DELTA, -1),
    TRANSFER_OUT(Kind.DELTA, -1),
    TRANSFER_IN(Kind.DELTA, +1),
    /** A routed order shipped or picked up: its reserved units leave on-hand. */
    FULFILMENT(Kind.DELTA, -1),
    /** WMS absolute count as of the event time. */
    CYCLE_COUNT(Kind.COUNT, 0),
    /** 3PL absolute on-hand snapshot as of the event time. */
    SNAPSHOT(Kind.COUNT, 0),
    /** 3PL advance shipping notice: inbound quantity with an ETA. */
    ASN(Kind.INBOUND, 0);

    private enum Kind {
        DELTA,
        COUNT,
        INBOUND
    }

    private final Kind kind;
    private final int sign;

    EventType(Kind kind, int sign) {
        this.kind = kind;
        this.sign = sign;
    }

    public boolean isDelta() {
        return kind == Kind.DELTA;
    }

    public boolean isCount() {
        return kind == Kind.COUNT;
    }

    public boolean isTransfer() {
        return this == TRANSFER_OUT || this == TRANSFER_IN;
    }

    /** The change to on-hand of a delta of this type with the given payload quantity. */
    public long signedDelta(long quantity) {
        return sign == 0 ? quantity : sign * quantity;
    }
}

package io.omnistock.engine.functions;

import java.io.Serializable;
import java.time.Duration;

/**
 * How long (processing time) the ledger holds a record whose reference is not known yet ({@link
 * HeldRecords}): an inventory event for an unknown node, an order's request for an unknown SKU.
 */
public record HoldPeriods(Duration unknownNode, Duration unknownSku) implements Serializable {
    /** Both periods alike. */
    public static HoldPeriods of(Duration both) {
        return new HoldPeriods(both, both);
    }
}

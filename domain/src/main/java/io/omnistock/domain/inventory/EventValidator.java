package io.omnistock.domain.inventory;

import io.omnistock.avro.ConditionGrade;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.planning.GeoPoint;
import io.omnistock.domain.returns.ReturnedItem;

/**
 * The stateless half of docs/design.md rule 3.7: an event that is malformed or impossible on its
 * own. (Unknown nodes and sales, and events older than the horizon, need state: see {@link
 * SkuLedger}.)
 */
public final class EventValidator {
    private final LedgerSettings settings;

    public EventValidator(LedgerSettings settings) {
        this.settings = settings;
    }

    /** Returns the first rule the event breaks, or null when it may enter the ledger. */
    public Rejection validate(InventoryEvent e, long nowMillis) {
        if (isBlank(e.eventId) || isBlank(e.sku) || isBlank(e.nodeId) || e.type == null) {
            return reject(
                    DeadLetterReason.MISSING_FIELD, "eventId, sku, nodeId and type are required");
        }
        Rejection quantity = checkQuantity(e);
        if (quantity != null) {
            return quantity;
        }
        if (Math.abs(e.quantity) > settings.maxQuantity()) {
            return reject(
                    DeadLetterReason.ABSURD_QUANTITY,
                    "quantity " + e.quantity + " exceeds " + settings.maxQuantity());
        }
        if (e.type == EventType.VOID && isBlank(e.reference)) {
            return reject(DeadLetterReason.MISSING_REFERENCE, "VOID names no sale");
        }
        if (e.type == EventType.ASN) {
            if (isBlank(e.reference)) {
                return reject(DeadLetterReason.MISSING_REFERENCE, "ASN has no asnId");
            }
            if (e.eta == InventoryEvent.NO_TIME) {
                return reject(DeadLetterReason.MISSING_ETA, "ASN has no ETA");
            }
        }
        if (e.type.isTransfer() && e.nodeId.equals(e.counterpartNodeId)) {
            return reject(DeadLetterReason.SELF_TRANSFER, "transfer to its own node " + e.nodeId);
        }
        if (e.returned != null) {
            Rejection returned = checkReturned(e);
            if (returned != null) {
                return returned;
            }
        }
        if (e.eventTime > nowMillis + settings.maxFutureSkewMillis()) {
            return reject(
                    DeadLetterReason.FUTURE_EVENT_TIME,
                    "event time "
                            + e.eventTime
                            + " is more than "
                            + settings.maxFutureSkewMillis()
                            + " ms ahead of "
                            + nowMillis);
        }
        return null;
    }

    private static Rejection checkQuantity(InventoryEvent e) {
        if (e.type == EventType.VOID) {
            return null; // the voided sale's quantity is used
        }
        if (e.type == EventType.ADJUSTMENT) {
            return e.quantity == 0
                    ? reject(DeadLetterReason.ZERO_ADJUSTMENT, "adjustment of 0")
                    : null;
        }
        if (e.type.isCount()) {
            return e.quantity < 0
                    ? reject(DeadLetterReason.NEGATIVE_COUNT, "count of " + e.quantity)
                    : null;
        }
        return e.quantity <= 0
                ? reject(
                        DeadLetterReason.NON_POSITIVE_QUANTITY,
                        e.type + " needs a positive quantity, got " + e.quantity)
                : null;
    }

    private static Rejection checkReturned(InventoryEvent e) {
        ReturnedItem item = e.returned;
        if (e.source == SourceSystem.ORDERS
                && (item.grade == null || item.grade == ConditionGrade.UNKNOWN)) {
            return reject(
                    DeadLetterReason.MISSING_FIELD, "RETURN_RECEIVED needs a condition grade");
        }
        boolean latitude = !Double.isNaN(item.fromLatitude);
        if (latitude != !Double.isNaN(item.fromLongitude)
                || (latitude && !GeoPoint.isOnGlobe(item.fromLatitude, item.fromLongitude))) {
            return reject(
                    DeadLetterReason.INVALID_COORDINATES,
                    "returned from " + item.fromLatitude + "," + item.fromLongitude);
        }
        if (item.unitValue < 0) {
            return reject(
                    DeadLetterReason.ABSURD_QUANTITY, "negative unit value " + item.unitValue);
        }
        return null;
    }

    private static Rejection reject(DeadLetterReason reason, String message) {
        return new Rejection(reason, message);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}

package io.omnistock.domain.holds;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.HoldAction;
import io.omnistock.avro.HoldRequest;
import io.omnistock.domain.inventory.Rejection;
import java.time.Duration;

/**
 * The stateless rules of a hold request, checked in this order: eventId, holdId, sku and a known
 * action are required (MISSING_FIELD); HOLD needs a quantity of 1 or more (NON_POSITIVE_QUANTITY)
 * and at most the ledger's maximum (ABSURD_QUANTITY); HOLD and EXTEND need a TTL of 1 second to
 * {@link #MAX_TTL} (INVALID_HOLD_TTL); the event time may not be further ahead of the wall clock
 * than the ledger's skew allows (FUTURE_EVENT_TIME). What needs state (an unknown hold, too little
 * stock) is answered REFUSED by the ledger, not dead-lettered.
 */
public final class HoldValidator {
    /** The longest a hold may last from one request: a week. */
    public static final Duration MAX_TTL = Duration.ofDays(7);

    private final long maxQuantity;
    private final long maxFutureSkewMillis;

    public HoldValidator(long maxQuantity, long maxFutureSkewMillis) {
        this.maxQuantity = maxQuantity;
        this.maxFutureSkewMillis = maxFutureSkewMillis;
    }

    /** Returns the first rule the request breaks, or null when the ledger may apply it. */
    public Rejection validate(HoldRequest r, long nowMillis) {
        if (isBlank(r.getEventId())
                || isBlank(r.getHoldId())
                || isBlank(r.getSku())
                || HoldCommand.action(r.getAction()) == null) {
            return new Rejection(
                    DeadLetterReason.MISSING_FIELD,
                    "eventId, holdId, sku and an action (HOLD, EXTEND, RELEASE) are required");
        }
        if (r.getAction() == HoldAction.HOLD) {
            if (r.getQuantity() <= 0) {
                return new Rejection(
                        DeadLetterReason.NON_POSITIVE_QUANTITY,
                        "a HOLD needs a quantity of 1 or more, was " + r.getQuantity());
            }
            if (r.getQuantity() > maxQuantity) {
                return new Rejection(
                        DeadLetterReason.ABSURD_QUANTITY,
                        "quantity " + r.getQuantity() + " exceeds " + maxQuantity);
            }
        }
        if (r.getAction() != HoldAction.RELEASE
                && (r.getTtlSeconds() <= 0 || r.getTtlSeconds() > MAX_TTL.toSeconds())) {
            return new Rejection(
                    DeadLetterReason.INVALID_HOLD_TTL,
                    "ttlSeconds must be 1.."
                            + MAX_TTL.toSeconds()
                            + " for "
                            + r.getAction()
                            + ", was "
                            + r.getTtlSeconds());
        }
        long eventTime = r.getEventTime().toEpochMilli();
        if (eventTime > nowMillis + maxFutureSkewMillis) {
            return new Rejection(
                    DeadLetterReason.FUTURE_EVENT_TIME,
                    "event time " + eventTime + " is ahead of the wall clock " + nowMillis);
        }
        return null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}

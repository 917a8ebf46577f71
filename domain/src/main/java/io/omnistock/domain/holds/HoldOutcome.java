package io.omnistock.domain.holds;

/**
 * What became of a hold, as the ledger publishes it on holds.events.
 *
 * @param nodeId where the units are (were) held; null for REFUSED
 * @param units held (HELD, EXTENDED), given back (RELEASED, EXPIRED) or taken by an order
 *     (CONVERTED); 0 for REFUSED
 * @param expiresAt wall-clock expiry for HELD and EXTENDED, else {@link #NO_EXPIRY}
 * @param reason why, for REFUSED; else null
 * @param requestEventId the request answered; null for EXPIRED
 * @param eventTime the request's event time; for EXPIRED the expiry
 */
public record HoldOutcome(
        Type type,
        String holdId,
        String sku,
        String nodeId,
        long units,
        long expiresAt,
        String reason,
        String channel,
        String requestEventId,
        long eventTime) {

    public static final long NO_EXPIRY = Long.MIN_VALUE;

    public enum Type {
        HELD,
        REFUSED,
        EXTENDED,
        RELEASED,
        EXPIRED,
        CONVERTED
    }

    /** A refusal of {@code command}. */
    public static HoldOutcome refused(HoldCommand command, String reason) {
        return new HoldOutcome(
                Type.REFUSED,
                command.holdId,
                command.sku,
                null,
                0,
                NO_EXPIRY,
                reason,
                command.channel,
                command.eventId,
                command.eventTime);
    }
}

package io.omnistock.domain.holds;

import io.omnistock.avro.HoldAction;
import io.omnistock.avro.HoldRequest;

/**
 * A hold request as the SKU's ledger applies it (HOLD, EXTEND or RELEASE), read from a valid {@link
 * HoldRequest} ({@link HoldValidator}). {@link #nodeId} null means "any eligible node".
 */
public final class HoldCommand {
    public enum Action {
        HOLD,
        EXTEND,
        RELEASE
    }

    public String eventId;
    public long eventTime;
    public String holdId;
    public String sku;
    public Action action;

    /** HOLD: the node to hold at, or null for the OPEN node with the most ATP. */
    public String nodeId;

    /** HOLD: units to hold. */
    public long quantity;

    /** HOLD and EXTEND: how long the hold lasts from when the ledger applies the request. */
    public long ttlMillis;

    public String channel = "";

    public HoldCommand() {}

    public HoldCommand(
            String eventId,
            long eventTime,
            String holdId,
            String sku,
            Action action,
            String nodeId,
            long quantity,
            long ttlMillis,
            String channel) {
        this.eventId = eventId;
        this.eventTime = eventTime;
        this.holdId = holdId;
        this.sku = sku;
        this.action = action;
        this.nodeId = nodeId;
        this.quantity = quantity;
        this.ttlMillis = ttlMillis;
        this.channel = channel == null ? "" : channel;
    }

    /** The command a valid request carries (see {@link HoldValidator#validate}). */
    public static HoldCommand of(HoldRequest r) {
        String node = r.getNodeId() == null || r.getNodeId().isBlank() ? null : r.getNodeId();
        return new HoldCommand(
                r.getEventId(),
                r.getEventTime().toEpochMilli(),
                r.getHoldId(),
                r.getSku(),
                action(r.getAction()),
                node,
                r.getQuantity(),
                r.getTtlSeconds() * 1000L,
                r.getChannel());
    }

    /** The command's action, or null for UNKNOWN. */
    static Action action(HoldAction action) {
        return switch (action) {
            case HOLD -> Action.HOLD;
            case EXTEND -> Action.EXTEND;
            case RELEASE -> Action.RELEASE;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return action + "[" + holdId + " " + sku + " " + nodeId + " x" + quantity + "]";
    }
}

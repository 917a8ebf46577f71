package io.omnistock.ledger.domain;

/**
 * A standing cart or checkout hold of one SKU: units set aside at one node until {@link #expiresAt}
 * (wall-clock epoch milliseconds), kept by the SKU's ledger in its {@code holds} state. A Flink
 * POJO: its class name is recorded in savepoints.
 */
public class Hold {
    public String holdId;
    public String nodeId;
    public long units;

    /** Wall-clock expiry, epoch milliseconds (always odd: see {@code SkuHolds#expiry}). */
    public long expiresAt;

    public String channel;

    /** Event time of the HOLD request that placed it. */
    public long heldAt;

    public Hold() {}

    public Hold(
            String holdId, String nodeId, long units, long expiresAt, String channel, long heldAt) {
        this.holdId = holdId;
        this.nodeId = nodeId;
        this.units = units;
        this.expiresAt = expiresAt;
        this.channel = channel;
        this.heldAt = heldAt;
    }
}

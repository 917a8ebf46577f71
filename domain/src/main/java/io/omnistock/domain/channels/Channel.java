package io.omnistock.domain.channels;

import io.omnistock.avro.ChannelControlKind;
import io.omnistock.ledger.domain.NodeInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * A sales channel as the ledger keeps it (from reference.channels): its controls, in priority
 * order, and when this version was made. A removed channel (a tombstone) is kept with no controls,
 * so an older version arriving later cannot bring it back. A Flink POJO, kept in broadcast state: a
 * savepoint contract.
 *
 * <p>What a channel may sell of a position with {@code atp} units available to promise, at event
 * time {@code at} ({@link #ats}):
 *
 * <ol>
 *   <li>0 when an effective EXCLUDE control selects the SKU (by SKU or by its category);
 *   <li>else {@code max(0, atp - buffer)}, the buffer being that of the most specific effective
 *       BUFFER control selecting the position (SKU_NODE > SKU > CATEGORY_NODE_TYPE > CATEGORY >
 *       NODE_TYPE; among equally specific ones, the first in the list), 0 when none does.
 * </ol>
 */
public class Channel {
    public String id;
    public List<ChannelControl> controls = new ArrayList<>();

    /** Event time of the channel's record (a tombstone's: its record timestamp). */
    public long updatedAt;

    /** Removed by a tombstone: behaves as an undefined channel. */
    public boolean removed;

    public Channel() {}

    public Channel(String id, long updatedAt, List<ChannelControl> controls) {
        this.id = id;
        this.updatedAt = updatedAt;
        this.controls = new ArrayList<>(controls);
    }

    /** The tombstone of channel {@code id}, read at {@code updatedAt}. */
    public static Channel removed(String id, long updatedAt) {
        Channel channel = new Channel(id, updatedAt, List.of());
        channel.removed = true;
        return channel;
    }

    /** Whether this version replaces {@code previous} (null: none): not older than it. */
    public boolean supersedes(Channel previous) {
        return previous == null || updatedAt >= previous.updatedAt;
    }

    /**
     * Whether the channel excludes {@code sku} (of {@code category}, null: unknown) at {@code at}.
     */
    public boolean excludes(String sku, String category, long at) {
        if (removed) {
            return false;
        }
        for (ChannelControl c : controls) {
            if (c.kind == ChannelControlKind.EXCLUDE
                    && c.effectiveAt(at)
                    && c.selects(sku, category, null)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The buffer control in force for {@code sku} at {@code node} at {@code at}, or null: the most
     * specific, the first in the list among equally specific ones.
     */
    public ChannelControl buffer(String sku, String category, NodeInfo node, long at) {
        if (removed) {
            return null;
        }
        ChannelControl best = null;
        for (ChannelControl c : controls) {
            if (c.kind == ChannelControlKind.BUFFER
                    && (best == null || c.scope.ordinal() < best.scope.ordinal())
                    && c.effectiveAt(at)
                    && c.selects(sku, category, node)) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Available to sell on this channel of a position of {@code sku} at {@code node} with {@code
     * atp}: never below 0, never above the ATP.
     */
    public long ats(String sku, String category, NodeInfo node, long atp, long at) {
        long positive = Math.max(0, atp);
        if (removed) {
            return positive;
        }
        if (excludes(sku, category, at)) {
            return 0;
        }
        ChannelControl buffer = buffer(sku, category, node, at);
        return buffer == null ? positive : Math.max(0, positive - buffer.buffer(positive));
    }

    @Override
    public String toString() {
        return id + (removed ? " (removed)" : controls.toString()) + '@' + updatedAt;
    }
}

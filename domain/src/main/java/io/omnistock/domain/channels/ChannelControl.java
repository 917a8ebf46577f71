package io.omnistock.domain.channels;

import io.omnistock.avro.ChannelControlKind;
import io.omnistock.avro.ChannelScope;
import io.omnistock.avro.NodeType;
import io.omnistock.ledger.domain.NodeInfo;

/**
 * One control of a sales channel (from reference.channels): an EXCLUDE of a SKU or a category, or a
 * BUFFER of {@link #units} or {@link #percent} of ATP held back at the positions its {@link #scope}
 * selects, in force from {@link #effectiveFrom} (inclusive) until {@link #effectiveUntil}
 * (exclusive), in event time. A Flink POJO, kept in broadcast state: a savepoint contract.
 */
public class ChannelControl {
    /** No percentage: the buffer is {@link #units}. */
    public static final int NO_PERCENT = -1;

    public ChannelControlKind kind;
    public ChannelScope scope;
    public String sku;
    public String nodeId;
    public String category;
    public NodeType nodeType;
    public long units;
    public int percent = NO_PERCENT;
    public long effectiveFrom = Long.MIN_VALUE;
    public long effectiveUntil = Long.MAX_VALUE;

    public ChannelControl() {}

    /** Whether the control is in force at event time {@code at}. */
    public boolean effectiveAt(long at) {
        return effectiveFrom <= at && at < effectiveUntil;
    }

    /**
     * Whether the control's scope selects {@code sku} (of {@code category}, null: unknown) at
     * {@code node}. Category scopes select only SKUs whose category is known.
     */
    public boolean selects(String sku, String category, NodeInfo node) {
        return switch (scope) {
            case SKU_NODE -> this.sku.equals(sku) && nodeId.equals(node.nodeId);
            case SKU -> this.sku.equals(sku);
            case CATEGORY_NODE_TYPE -> this.category.equals(category) && nodeType == node.type;
            case CATEGORY -> this.category.equals(category);
            case NODE_TYPE -> nodeType == node.type;
        };
    }

    /**
     * The units this buffer holds back from a position with {@code atp}: its units, or its
     * percentage of the ATP rounded up to whole units (a buffer never holds back less than it
     * says).
     */
    public long buffer(long atp) {
        if (percent == NO_PERCENT) {
            return units;
        }
        long positive = Math.max(0, atp);
        return (positive * percent + 99) / 100;
    }

    public boolean isExclusion() {
        return kind == ChannelControlKind.EXCLUDE;
    }

    @Override
    public String toString() {
        String what =
                isExclusion()
                        ? "EXCLUDE"
                        : "BUFFER " + (percent == NO_PERCENT ? units + " units" : percent + "%");
        return what + ' ' + scope + '(' + sku + ',' + nodeId + ',' + category + ',' + nodeType
                + ')';
    }
}

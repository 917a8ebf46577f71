package io.omnistock.domain.network;

import io.omnistock.ledger.domain.NodeInfo;
import java.util.Collection;

/**
 * Node groups (a brand's stores, a region's DCs): named on node records ({@code NodeRecord.groups})
 * and by orders and quotes ({@code nodeGroup}) to bound their candidate nodes.
 */
public final class NodeGroups {

    /** The group an order or quote names: null when it names none (null or blank). */
    public static String named(String nodeGroup) {
        return nodeGroup == null || nodeGroup.isBlank() ? null : nodeGroup;
    }

    /**
     * Whether any node on {@code network.nodes} belongs to the group, whatever its status: a group
     * whose nodes are all closed is known (its orders are backordered), a group no node has is not
     * (its orders are rejected).
     */
    public static boolean isKnown(String group, Collection<NodeInfo> nodes) {
        for (NodeInfo node : nodes) {
            if (node.inGroup(group)) {
                return true;
            }
        }
        return false;
    }

    private NodeGroups() {}
}

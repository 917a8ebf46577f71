package io.omnistock.domain.sourcing;

import io.omnistock.avro.NodeType;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.domain.planning.ScoreWeights;
import io.omnistock.ledger.domain.NodeInfo;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * How a rule routes the orders it matches: which nodes may fulfil them (node types, node groups,
 * excluded nodes; an empty set allows any) and the numbers it overrides in the job's routing policy
 * (0 / null / NaN: keep the job option).
 *
 * @param nodeTypes only nodes of these types
 * @param nodeGroups only nodes in at least one of these groups
 * @param excludedNodes never these nodes
 * @param maxSplit most nodes per order; 0 keeps {@code routing.max-split}
 * @param weights cost, speed and carbon weights for every preference; null keeps the job's
 * @param splitPenalty score per extra shipment; NaN keeps {@code routing.split-penalty}
 */
public record SourcingStrategy(
        Set<NodeType> nodeTypes,
        Set<String> nodeGroups,
        Set<String> excludedNodes,
        int maxSplit,
        ScoreWeights weights,
        double splitPenalty)
        implements Serializable {

    /** The job options, unchanged, on every node. */
    public static final SourcingStrategy DEFAULT =
            new SourcingStrategy(Set.of(), Set.of(), Set.of(), 0, null, Double.NaN);

    public SourcingStrategy {
        nodeTypes = Set.copyOf(nodeTypes);
        nodeGroups = Set.copyOf(nodeGroups);
        excludedNodes = Set.copyOf(excludedNodes);
    }

    /** Whether routing may consider this node for the rule's orders. */
    public boolean allows(NodeInfo node) {
        if (excludedNodes.contains(node.nodeId)) {
            return false;
        }
        if (!nodeTypes.isEmpty() && !nodeTypes.contains(node.type)) {
            return false;
        }
        if (!nodeGroups.isEmpty()) {
            for (String group : nodeGroups) {
                if (node.inGroup(group)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    /** Whether the strategy leaves the node set alone. */
    public boolean allowsEveryNode() {
        return nodeTypes.isEmpty() && nodeGroups.isEmpty() && excludedNodes.isEmpty();
    }

    /** The nodes the strategy allows, in the given order. */
    public Collection<NodeInfo> allowed(Collection<NodeInfo> nodes) {
        if (allowsEveryNode()) {
            return nodes;
        }
        List<NodeInfo> allowed = new ArrayList<>(nodes.size());
        for (NodeInfo node : nodes) {
            if (allows(node)) {
                allowed.add(node);
            }
        }
        return allowed;
    }

    /** The job's policy with this strategy's overrides. */
    public RoutingPolicy applyTo(RoutingPolicy base) {
        RoutingPolicy policy = base;
        if (maxSplit > 0) {
            policy = policy.withMaxSplit(maxSplit);
        }
        if (!Double.isNaN(splitPenalty)) {
            policy = policy.withSplitPenalty(splitPenalty);
        }
        if (weights != null) {
            for (var preference : io.omnistock.avro.RoutingPreference.values()) {
                policy = policy.withWeights(preference, weights);
            }
        }
        return policy;
    }

    /** Whether the strategy changes no number of the job's policy. */
    public boolean keepsPolicy() {
        return maxSplit == 0 && weights == null && Double.isNaN(splitPenalty);
    }
}

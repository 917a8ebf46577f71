package io.omnistock.engine.functions;

import io.omnistock.avro.Availability;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.ledger.domain.NodeInfo;
import java.util.List;
import org.apache.flink.util.Collector;

/**
 * The node-reference-data role of {@link ApplyInventoryEventFunction} (broadcast): keeps each
 * node's latest record, and when a node's status, type, safety stock or groups change re-evaluates
 * every SKU's position there ({@link SkuLedger#nodeChanged}: ATP, network totals, the figures of
 * the groups it left or joined, reservations off a closed node). A SKU whose summary the pass loads
 * rebuilds its group totals with the node's previous groups, so the groups it left are published
 * too.
 */
final class NodeChangeHandler {
    private final SkuLedger ledger;
    private final SkuKeyedState state;
    private final SkuLedgerOutput output;

    NodeChangeHandler(SkuLedger ledger, SkuKeyedState state, SkuLedgerOutput output) {
        this.ledger = ledger;
        this.state = state;
        this.output = output;
    }

    void onNode(NodeInfo node, ApplyInventoryEventFunction.Context ctx, Collector<Availability> out)
            throws Exception {
        NodeInfo previous =
                ctx.getBroadcastState(ApplyInventoryEventFunction.NODES).get(node.nodeId);
        if (previous != null && previous.updatedAt > node.updatedAt) {
            return; // an older record of this node: the latest wins
        }
        ctx.getBroadcastState(ApplyInventoryEventFunction.NODES).put(node.nodeId, node);
        if (previous != null
                && (previous.status != node.status
                        || previous.type != node.type
                        || previous.safetyStock != node.safetyStock
                        || !groups(previous).equals(groups(node)))) {
            String cause = "node:" + node.nodeId + '@' + node.updatedAt;
            output.bindBroadcast(ctx, out);
            state.nodes = ctx.getBroadcastState(ApplyInventoryEventFunction.NODES);
            state.rules = ctx.getBroadcastState(ApplyInventoryEventFunction.SAFETY_STOCK_RULES);
            state.replacedNode = previous;
            try {
                ctx.applyToKeyedState(
                        ApplyInventoryEventFunction.POSITIONS,
                        (sku, unused) -> {
                            state.load(sku);
                            ledger.nodeChanged(sku, node, node.updatedAt, cause, state, output);
                            state.store();
                        });
            } finally {
                state.replacedNode = null;
            }
        }
    }

    private static List<String> groups(NodeInfo node) {
        return node.groups == null ? List.of() : node.groups;
    }
}

package io.omnistock.engine.functions;

import io.omnistock.avro.Availability;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.ledger.domain.NodeInfo;
import org.apache.flink.util.Collector;

/**
 * The node-reference-data role of {@link ApplyInventoryEventFunction} (broadcast): keeps each
 * node's latest record, and when a node's status, type or safety stock changes re-evaluates every
 * SKU's position there ({@link SkuLedger#nodeChanged}: ATP, network totals, reservations off a
 * closed node).
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
                        || previous.safetyStock != node.safetyStock)) {
            String cause = "node:" + node.nodeId + '@' + node.updatedAt;
            output.bindBroadcast(ctx, out);
            state.nodes = ctx.getBroadcastState(ApplyInventoryEventFunction.NODES);
            state.rules = ctx.getBroadcastState(ApplyInventoryEventFunction.SAFETY_STOCK_RULES);
            ctx.applyToKeyedState(
                    ApplyInventoryEventFunction.POSITIONS,
                    (sku, unused) -> {
                        state.load(sku);
                        ledger.nodeChanged(sku, node, node.updatedAt, cause, state, output);
                        state.store();
                    });
        }
    }
}

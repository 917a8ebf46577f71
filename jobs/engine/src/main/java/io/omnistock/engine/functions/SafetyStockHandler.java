package io.omnistock.engine.functions;

import io.omnistock.avro.Availability;
import io.omnistock.avro.SafetyStockScope;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.domain.safety.SafetyStock;
import io.omnistock.domain.safety.SafetyStockRule;
import io.omnistock.domain.safety.SkuCategory;
import io.omnistock.domain.safety.SkuReference;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.util.Collector;

/**
 * The safety-stock role of {@link ApplyInventoryEventFunction}: keeps the SKU records and the
 * safety-stock rules, and when one changes a position's safety stock republishes that position
 * ({@link SkuLedger#safetyStockChanged}; only figures that moved are published, with the next
 * version).
 *
 * <p>A SKU record and a rule naming a SKU (SKU, SKU_NODE) arrive on the keyed side, like an
 * inventory event of that SKU, and change only that SKU's positions: a SKU_NODE rule its position
 * at the node, the others every position. A rule naming no SKU (CATEGORY_NODE_TYPE, CATEGORY,
 * NODE_TYPE) is broadcast, like a node record, and kept on every subtask: it visits every SKU of
 * the subtask that may be affected, as a node change visits every SKU at the node: a category rule
 * the SKUs with a category record (then their positions the rule selects), a node-type rule every
 * SKU with a position.
 */
final class SafetyStockHandler {
    private final SkuLedger ledger;
    private final SkuKeyedState state;
    private final SkuLedgerOutput output;

    SafetyStockHandler(SkuLedger ledger, SkuKeyedState state, SkuLedgerOutput output) {
        this.ledger = ledger;
        this.state = state;
        this.output = output;
    }

    /** A SKU record or a rule naming the loaded SKU; the newest of each per key wins. */
    void onSkuReference(
            SourcedEvent in,
            ApplyInventoryEventFunction.ReadOnlyContext ctx,
            Collector<Availability> out)
            throws Exception {
        String sku = ctx.getCurrentKey();
        SkuReference reference = state.reference();
        output.bind(in, ctx, out);
        if (in.skuCategory != null) {
            SkuCategory c = in.skuCategory;
            if (c.updatedAt < reference.categoryUpdatedAt) {
                return; // an older record of this SKU
            }
            boolean changed = reference.updateCategory(c.category, c.updatedAt);
            state.putReference(reference);
            if (changed) {
                ledger.safetyStockChanged(
                        sku,
                        node -> true,
                        c.updatedAt,
                        "sku:" + sku + '@' + c.updatedAt,
                        state,
                        output);
            }
            return;
        }
        SafetyStockRule rule = in.rule;
        if (!reference.update(rule)) {
            return; // an older version of this rule
        }
        state.putReference(reference);
        ledger.safetyStockChanged(
                sku,
                node -> rule.scope != SafetyStockScope.SKU_NODE || rule.nodeId.equals(node.nodeId),
                rule.updatedAt,
                cause(rule),
                state,
                output);
    }

    /** A rule naming no SKU (broadcast); the newest version per scope id wins. */
    void onSharedRule(
            SafetyStockRule rule,
            ApplyInventoryEventFunction.Context ctx,
            Collector<Availability> out)
            throws Exception {
        BroadcastState<String, SafetyStockRule> rules =
                ctx.getBroadcastState(ApplyInventoryEventFunction.SAFETY_STOCK_RULES);
        String id = rule.scopeId();
        SafetyStockRule previous = rules.get(id);
        if (!rule.supersedes(previous)) {
            return; // an older version of this rule
        }
        rules.put(id, rule);
        if (previous != null
                && previous.active == rule.active
                && (previous.units == rule.units || !rule.active)) {
            return; // the same figure, or still retracted: no position changes
        }
        output.bindBroadcast(ctx, out);
        state.nodes = ctx.getBroadcastState(ApplyInventoryEventFunction.NODES);
        state.rules = rules;
        boolean byCategory = rule.scope != SafetyStockScope.NODE_TYPE;
        StateDescriptor<?, ?> skus =
                byCategory
                        ? ApplyInventoryEventFunction.SKU_REFERENCE
                        : ApplyInventoryEventFunction.POSITIONS;
        String cause = cause(rule);
        ctx.applyToKeyedState(
                skus,
                (sku, unused) -> {
                    state.load(sku);
                    String category =
                            state.summary.reference == null
                                    ? null
                                    : state.summary.reference.category;
                    if (!byCategory || rule.category.equals(category)) {
                        ledger.safetyStockChanged(
                                sku,
                                node -> SafetyStock.mayAffect(rule, category, node),
                                rule.updatedAt,
                                cause,
                                state,
                                output);
                    }
                    state.store();
                });
    }

    private static String cause(SafetyStockRule rule) {
        return "safety-stock:" + rule.scopeId() + '@' + rule.updatedAt;
    }
}

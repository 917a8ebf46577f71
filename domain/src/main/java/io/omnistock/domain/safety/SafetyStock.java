package io.omnistock.domain.safety;

import io.omnistock.ledger.domain.NodeInfo;

/**
 * The safety stock of one position (a SKU at a node): the units of the most specific active rule,
 *
 * <ol>
 *   <li>SKU_NODE: this SKU at this node;
 *   <li>SKU: this SKU at every node;
 *   <li>CATEGORY_NODE_TYPE: the SKU's category at nodes of this node's type;
 *   <li>CATEGORY: the SKU's category at every node;
 *   <li>NODE_TYPE: every SKU at nodes of this node's type;
 * </ol>
 *
 * else the node record's own {@code safetyStock}, so a network without rules keeps its figures.
 * Category rules apply only to a SKU whose category is known (reference.skus). ATP is {@code max(0,
 * onHand - reserved - safetyStock)} with the figure resolved here, never above on-hand less
 * reserved.
 */
public final class SafetyStock {

    /** The rules that name no SKU (category and node-type scopes), by scope id. */
    @FunctionalInterface
    public interface SharedRules {
        /** The rule with this scope id, retracted or not, or null. */
        SafetyStockRule get(String scopeId);

        /** No shared rules at all. */
        SharedRules NONE = scopeId -> null;
    }

    /**
     * The safety stock of {@code sku} at {@code node}.
     *
     * @param reference what is known of the SKU (its category and own rules), or null: nothing
     * @param shared the category and node-type rules
     */
    public static long of(String sku, NodeInfo node, SkuReference reference, SharedRules shared) {
        String category = null;
        if (reference != null) {
            SafetyStockRule rule = reference.active(SafetyStockRule.skuNode(sku, node.nodeId));
            if (rule == null) {
                rule = reference.active(SafetyStockRule.sku(sku));
            }
            if (rule != null) {
                return rule.units;
            }
            category = reference.category;
        }
        if (category != null) {
            SafetyStockRule rule =
                    active(shared, SafetyStockRule.categoryNodeType(category, node.type));
            if (rule == null) {
                rule = active(shared, SafetyStockRule.category(category));
            }
            if (rule != null) {
                return rule.units;
            }
        }
        SafetyStockRule rule = active(shared, SafetyStockRule.nodeType(node.type));
        return rule != null ? rule.units : node.safetyStock;
    }

    /**
     * Whether a change of {@code rule} (a rule naming no SKU) can move the safety stock of a SKU in
     * {@code category} (null: unknown) at {@code node}: the positions to re-evaluate.
     */
    public static boolean mayAffect(SafetyStockRule rule, String category, NodeInfo node) {
        return switch (rule.scope) {
            case CATEGORY_NODE_TYPE -> rule.category.equals(category) && rule.nodeType == node.type;
            case CATEGORY -> rule.category.equals(category);
            case NODE_TYPE -> rule.nodeType == node.type;
            case SKU_NODE -> rule.nodeId.equals(node.nodeId);
            case SKU -> true;
        };
    }

    private static SafetyStockRule active(SharedRules shared, String scopeId) {
        SafetyStockRule rule = shared.get(scopeId);
        return rule != null && rule.active ? rule : null;
    }

    private SafetyStock() {}
}

package io.omnistock.domain.safety;

import io.omnistock.avro.NodeType;
import io.omnistock.avro.SafetyStockScope;

/**
 * One safety-stock rule (from reference.safety-stock): {@link #units} held back from ATP at every
 * position its {@link #scope} selects. A retracted rule ({@code active == false}) is kept, so an
 * older version of it arriving later cannot bring it back. A Flink POJO, kept in state: a savepoint
 * contract.
 */
public class SafetyStockRule {
    public SafetyStockScope scope;
    public String sku;
    public String nodeId;
    public String category;
    public NodeType nodeType;
    public long units;

    /** Event time of the rule's record: the newest per scope id wins. */
    public long updatedAt;

    public boolean active = true;

    public SafetyStockRule() {}

    /** Whether the rule names a SKU: it lives with the SKU's positions, not on every subtask. */
    public boolean namesSku() {
        return scope == SafetyStockScope.SKU_NODE || scope == SafetyStockScope.SKU;
    }

    /**
     * The rule's scope id, the key of its record: {@code SKU_NODE|sku|nodeId}, {@code SKU|sku},
     * {@code CATEGORY_NODE_TYPE|category|nodeType}, {@code CATEGORY|category} or {@code
     * NODE_TYPE|nodeType}.
     */
    public String scopeId() {
        return switch (scope) {
            case SKU_NODE -> skuNode(sku, nodeId);
            case SKU -> sku(sku);
            case CATEGORY_NODE_TYPE -> categoryNodeType(category, nodeType);
            case CATEGORY -> category(category);
            case NODE_TYPE -> nodeType(nodeType);
        };
    }

    /** {@code SKU_NODE|sku|nodeId}. */
    public static String skuNode(String sku, String nodeId) {
        return "SKU_NODE|" + sku + '|' + nodeId;
    }

    /** {@code SKU|sku}. */
    public static String sku(String sku) {
        return "SKU|" + sku;
    }

    /** {@code CATEGORY_NODE_TYPE|category|nodeType}. */
    public static String categoryNodeType(String category, NodeType type) {
        return "CATEGORY_NODE_TYPE|" + category + '|' + type;
    }

    /** {@code CATEGORY|category}. */
    public static String category(String category) {
        return "CATEGORY|" + category;
    }

    /** {@code NODE_TYPE|nodeType}. */
    public static String nodeType(NodeType type) {
        return NODE_TYPE_IDS[type.ordinal()]; // looked up at every publication: not rebuilt
    }

    private static final String[] NODE_TYPE_IDS =
            java.util.Arrays.stream(NodeType.values())
                    .map(t -> "NODE_TYPE|" + t)
                    .toArray(String[]::new);

    /** Whether this version of a rule replaces {@code previous} (null: none): not older than it. */
    public boolean supersedes(SafetyStockRule previous) {
        return previous == null || updatedAt >= previous.updatedAt;
    }

    @Override
    public String toString() {
        return scopeId() + '=' + units + (active ? "" : " (retracted)") + '@' + updatedAt;
    }
}

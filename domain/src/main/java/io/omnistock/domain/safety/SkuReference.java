package io.omnistock.domain.safety;

import java.util.HashMap;
import java.util.Map;

/**
 * What the ledger knows of one SKU from the reference topics: its category (reference.skus) and the
 * safety-stock rules that name it (SKU and SKU_NODE scope, from reference.safety-stock), retracted
 * ones included. Kept in the SKU's keyed state: a Flink POJO and a savepoint contract.
 */
public class SkuReference {
    /** No record of the SKU on reference.skus yet. */
    public static final long NEVER = Long.MIN_VALUE;

    /** The SKU's category, or null when none is known. */
    public String category;

    /** Event time of the SKU record the category came from, or {@link #NEVER}. */
    public long categoryUpdatedAt = NEVER;

    /** The SKU's own rules by scope id ({@link SafetyStockRule#scopeId()}). */
    public Map<String, SafetyStockRule> rules = new HashMap<>();

    public SkuReference() {}

    /**
     * Takes the SKU's category from a record made at {@code updatedAt}, unless a newer record's is
     * already known. Returns whether the category changed (its positions' safety stock may have).
     */
    public boolean updateCategory(String category, long updatedAt) {
        if (updatedAt < categoryUpdatedAt) {
            return false;
        }
        categoryUpdatedAt = updatedAt;
        if (category.equals(this.category)) {
            return false;
        }
        this.category = category;
        return true;
    }

    /**
     * Takes a rule naming this SKU, unless a newer version of it is already known. Returns whether
     * it was taken.
     */
    public boolean update(SafetyStockRule rule) {
        String id = rule.scopeId();
        if (!rule.supersedes(rules.get(id))) {
            return false;
        }
        rules.put(id, rule);
        return true;
    }

    /** The SKU's active rule with this scope id, or null. */
    SafetyStockRule active(String scopeId) {
        SafetyStockRule rule = rules.get(scopeId);
        return rule != null && rule.active ? rule : null;
    }
}

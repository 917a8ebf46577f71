package io.omnistock.domain.safety;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.SafetyStockScope;
import io.omnistock.avro.SkuRecord;
import io.omnistock.domain.inventory.Rejection;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the SKU records and safety-stock rules as strictly as node records: one that would let the
 * ledger publish ATP above on-hand less reserved, or apply a rule to positions it does not name, is
 * dead-lettered, never applied. Every defect of a rule is reported, in this documented order; the
 * dead letter's reason is the first one's:
 *
 * <ol>
 *   <li>{@code INVALID_SAFETY_STOCK_RULE}: a field its scope needs is missing or blank (SKU_NODE:
 *       sku and nodeId; SKU: sku; CATEGORY_NODE_TYPE: category and nodeType; CATEGORY: category;
 *       NODE_TYPE: nodeType), or a field its scope does not use is set (the rule would be
 *       ambiguous);
 *   <li>{@code INVALID_SAFETY_STOCK_RULE}: negative units (they would raise ATP above on-hand);
 *   <li>{@code ABSURD_QUANTITY}: units above {@code ledger.max-quantity}, the bound every event
 *       quantity is held to.
 * </ol>
 *
 * A SKU record needs a SKU and a category ({@code INVALID_SKU_RECORD}). The record's key is checked
 * against the SKU, or the rule's scope id, between the identity check and the figures, by the
 * function that reads it.
 */
public final class ReferenceRecordValidator {
    private final long maxQuantity;

    /**
     * @param maxQuantity the largest plausible quantity ({@code ledger.max-quantity})
     */
    public ReferenceRecordValidator(long maxQuantity) {
        this.maxQuantity = maxQuantity;
    }

    /** Null when the SKU record names its SKU and category, else why not. */
    public Rejection checkSku(SkuRecord record) {
        return isBlank(record.getSku()) || isBlank(record.getCategory())
                ? new Rejection(
                        DeadLetterReason.INVALID_SKU_RECORD, "sku and category are required")
                : null;
    }

    /** Null when the rule has exactly the fields its scope needs, else why not. */
    public Rejection checkScope(io.omnistock.avro.SafetyStockRule rule) {
        SafetyStockScope scope = rule.getScope();
        boolean sku = scope == SafetyStockScope.SKU_NODE || scope == SafetyStockScope.SKU;
        boolean node = scope == SafetyStockScope.SKU_NODE;
        boolean category =
                scope == SafetyStockScope.CATEGORY_NODE_TYPE || scope == SafetyStockScope.CATEGORY;
        boolean type =
                scope == SafetyStockScope.CATEGORY_NODE_TYPE || scope == SafetyStockScope.NODE_TYPE;
        List<String> wrong = new ArrayList<>();
        check(wrong, "sku", rule.getSku(), sku);
        check(wrong, "nodeId", rule.getNodeId(), node);
        check(wrong, "category", rule.getCategory(), category);
        if (type != (rule.getNodeType() != null)) {
            wrong.add(type ? "nodeType is required" : "nodeType is not used");
        }
        return wrong.isEmpty()
                ? null
                : new Rejection(
                        DeadLetterReason.INVALID_SAFETY_STOCK_RULE,
                        scope + " rule: " + String.join(", ", wrong));
    }

    /** Null when the rule's units can be applied, else why not. */
    public Rejection checkUnits(io.omnistock.avro.SafetyStockRule rule) {
        int units = rule.getUnits();
        if (units < 0) {
            return new Rejection(
                    DeadLetterReason.INVALID_SAFETY_STOCK_RULE, "units " + units + " is negative");
        }
        if (units > maxQuantity) {
            return new Rejection(
                    DeadLetterReason.ABSURD_QUANTITY,
                    "units " + units + " is above " + maxQuantity);
        }
        return null;
    }

    /** The rule as the ledger keeps it. */
    public static SafetyStockRule rule(io.omnistock.avro.SafetyStockRule record) {
        SafetyStockRule rule = new SafetyStockRule();
        rule.scope = record.getScope();
        rule.sku = record.getSku();
        rule.nodeId = record.getNodeId();
        rule.category = record.getCategory();
        rule.nodeType = record.getNodeType();
        rule.units = record.getUnits();
        rule.updatedAt = record.getEventTime().toEpochMilli();
        rule.active = record.getActive();
        return rule;
    }

    /** The key a rule's record must carry: its scope id. Call after {@link #checkScope}. */
    public static String scopeId(io.omnistock.avro.SafetyStockRule record) {
        return rule(record).scopeId();
    }

    private static void check(List<String> wrong, String field, String value, boolean used) {
        if (used && isBlank(value)) {
            wrong.add(field + " is required");
        } else if (!used && value != null) {
            wrong.add(field + " is not used");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}

package io.omnistock.domain.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.SafetyStockRule;
import io.omnistock.avro.SafetyStockScope;
import io.omnistock.avro.SkuRecord;
import io.omnistock.domain.inventory.Rejection;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReferenceRecordValidatorTest {
    private final ReferenceRecordValidator validator = new ReferenceRecordValidator(1_000);

    @Test
    void eachScopeNeedsItsFieldsAndNoOthers() {
        assertThat(validator.checkScope(rule(SafetyStockScope.SKU_NODE, "A", "S1", null, null)))
                .isNull();
        assertThat(validator.checkScope(rule(SafetyStockScope.SKU, "A", null, null, null)))
                .isNull();
        assertThat(
                        validator.checkScope(
                                rule(
                                        SafetyStockScope.CATEGORY_NODE_TYPE,
                                        null,
                                        null,
                                        "toys",
                                        NodeType.STORE)))
                .isNull();
        assertThat(validator.checkScope(rule(SafetyStockScope.CATEGORY, null, null, "toys", null)))
                .isNull();
        assertThat(
                        validator.checkScope(
                                rule(SafetyStockScope.NODE_TYPE, null, null, null, NodeType.DC)))
                .isNull();

        Rejection noNode =
                validator.checkScope(rule(SafetyStockScope.SKU_NODE, "A", " ", null, null));
        assertThat(noNode.reason()).isEqualTo(DeadLetterReason.INVALID_SAFETY_STOCK_RULE);
        assertThat(noNode.message()).contains("nodeId is required");
        Rejection ambiguous =
                validator.checkScope(rule(SafetyStockScope.SKU, "A", "S1", "toys", NodeType.DC));
        assertThat(ambiguous.message())
                .contains("nodeId is not used", "category is not used", "nodeType is not used");
        assertThat(
                        validator
                                .checkScope(
                                        rule(SafetyStockScope.NODE_TYPE, null, null, null, null))
                                .message())
                .contains("nodeType is required");
    }

    @Test
    void unitsAreZeroToTheMaximumQuantity() {
        SafetyStockRule rule = rule(SafetyStockScope.SKU, "A", null, null, null);
        rule.setUnits(0);
        assertThat(validator.checkUnits(rule)).isNull();
        rule.setUnits(1_000);
        assertThat(validator.checkUnits(rule)).isNull();
        rule.setUnits(-1);
        assertThat(validator.checkUnits(rule).reason())
                .isEqualTo(DeadLetterReason.INVALID_SAFETY_STOCK_RULE);
        rule.setUnits(1_001);
        assertThat(validator.checkUnits(rule).reason()).isEqualTo(DeadLetterReason.ABSURD_QUANTITY);
    }

    @Test
    void aRuleKeepsItsFiguresAndItsKeyIsItsScopeId() {
        SafetyStockRule record =
                rule(SafetyStockScope.CATEGORY_NODE_TYPE, null, null, "toys", NodeType.STORE);
        record.setUnits(4);
        record.setActive(false);

        io.omnistock.domain.safety.SafetyStockRule rule = ReferenceRecordValidator.rule(record);

        assertThat(rule.units).isEqualTo(4);
        assertThat(rule.active).isFalse();
        assertThat(rule.updatedAt).isEqualTo(5_000);
        assertThat(ReferenceRecordValidator.scopeId(record))
                .isEqualTo("CATEGORY_NODE_TYPE|toys|STORE");
    }

    @Test
    void aSkuRecordNeedsASkuAndACategory() {
        assertThat(validator.checkSku(sku("A", "toys"))).isNull();
        assertThat(validator.checkSku(sku("A", "")).reason())
                .isEqualTo(DeadLetterReason.INVALID_SKU_RECORD);
        assertThat(validator.checkSku(sku(" ", "toys")).reason())
                .isEqualTo(DeadLetterReason.INVALID_SKU_RECORD);
    }

    private static SkuRecord sku(String sku, String category) {
        return SkuRecord.newBuilder()
                .setEventId("e")
                .setEventTime(Instant.ofEpochMilli(5_000))
                .setSku(sku)
                .setCategory(category)
                .build();
    }

    private static SafetyStockRule rule(
            SafetyStockScope scope, String sku, String nodeId, String category, NodeType type) {
        return SafetyStockRule.newBuilder()
                .setEventId("e")
                .setEventTime(Instant.ofEpochMilli(5_000))
                .setScope(scope)
                .setSku(sku)
                .setNodeId(nodeId)
                .setCategory(category)
                .setNodeType(type)
                .setUnits(1)
                .build();
    }
}

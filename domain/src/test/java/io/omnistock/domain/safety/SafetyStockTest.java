package io.omnistock.domain.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.SafetyStockScope;
import io.omnistock.domain.inventory.Position;
import io.omnistock.ledger.domain.NodeInfo;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The precedence of safety-stock rules, one position at a time: SKU_NODE > SKU > CATEGORY_NODE_TYPE
 * > CATEGORY > NODE_TYPE > the node record's safetyStock.
 */
class SafetyStockTest {
    private static final NodeInfo STORE_1 = new NodeInfo("S1", NodeType.STORE, NodeStatus.OPEN, 2);
    private static final NodeInfo STORE_2 = new NodeInfo("S2", NodeType.STORE, NodeStatus.OPEN, 2);
    private static final NodeInfo DC_1 = new NodeInfo("D1", NodeType.DC, NodeStatus.OPEN, 0);

    private final Map<String, SafetyStockRule> shared = new HashMap<>();
    private final SkuReference toy = new SkuReference();

    @Test
    void withoutRulesTheNodesOwnSafetyStockApplies() {
        assertThat(SafetyStock.of("SKU-1", STORE_1, null, SafetyStock.SharedRules.NONE))
                .isEqualTo(2);
        assertThat(SafetyStock.of("SKU-1", DC_1, new SkuReference(), shared::get)).isZero();
    }

    @Test
    void eachMoreSpecificRuleOverridesTheLessSpecificOnes() {
        toy.updateCategory("toys", 1);

        shared.put(id(nodeType(NodeType.STORE, 7)), nodeType(NodeType.STORE, 7));
        assertThat(of(STORE_1)).isEqualTo(7);
        assertThat(of(DC_1)).as("a STORE rule leaves the DC's own figure").isZero();

        shared.put(id(category("toys", 5)), category("toys", 5));
        assertThat(of(STORE_1)).isEqualTo(5);
        assertThat(of(DC_1)).isEqualTo(5);

        SafetyStockRule toysAtDcs = categoryNodeType("toys", NodeType.DC, 9);
        shared.put(id(toysAtDcs), toysAtDcs);
        assertThat(of(DC_1)).isEqualTo(9);
        assertThat(of(STORE_1)).isEqualTo(5);

        toy.update(sku("SKU-1", 3));
        assertThat(of(STORE_1)).isEqualTo(3);
        assertThat(of(DC_1)).isEqualTo(3);

        toy.update(skuNode("SKU-1", "S1", 1));
        assertThat(of(STORE_1)).isEqualTo(1);
        assertThat(of(STORE_2)).isEqualTo(3);
        assertThat(of(DC_1)).isEqualTo(3);
    }

    @Test
    void aZeroUnitRuleStillWinsOverALessSpecificOne() {
        toy.update(skuNode("SKU-1", "S1", 0));

        assertThat(of(STORE_1)).isZero();
        assertThat(of(STORE_2)).isEqualTo(2);
    }

    @Test
    void aRetractedRuleGivesWayToTheNextMostSpecific() {
        toy.updateCategory("toys", 1);
        shared.put(id(category("toys", 5)), category("toys", 5));
        toy.update(sku("SKU-1", 3));
        assertThat(of(STORE_1)).isEqualTo(3);

        SafetyStockRule retracted = sku("SKU-1", 3);
        retracted.active = false;
        retracted.updatedAt = 20;
        assertThat(toy.update(retracted)).isTrue();
        assertThat(of(STORE_1)).isEqualTo(5);

        SafetyStockRule older = sku("SKU-1", 8);
        older.updatedAt = 15;
        assertThat(toy.update(older)).as("older than the retraction").isFalse();
        assertThat(of(STORE_1)).isEqualTo(5);
    }

    @Test
    void categoryRulesNeedTheSkusCategoryAndTheNewestCategoryWins() {
        shared.put(id(category("toys", 5)), category("toys", 5));
        assertThat(of(STORE_1)).as("category unknown").isEqualTo(2);

        assertThat(toy.updateCategory("toys", 10)).isTrue();
        assertThat(of(STORE_1)).isEqualTo(5);

        assertThat(toy.updateCategory("garden", 5)).as("older record").isFalse();
        assertThat(toy.category).isEqualTo("toys");
        assertThat(toy.updateCategory("garden", 11)).isTrue();
        assertThat(of(STORE_1)).isEqualTo(2);
    }

    @Test
    void atpWithTheResolvedFigureIsNeverAboveOnHandLessReserved() {
        toy.update(sku("SKU-1", 3));
        Position p = new Position();
        p.onHand = 10;
        p.reserved = 4;

        assertThat(p.atp(of(STORE_1))).isEqualTo(3); // 10 - 4 - 3
        toy.update(skuNode("SKU-1", "S1", 0));
        assertThat(p.atp(of(STORE_1))).isEqualTo(6); // 10 - 4 - 0
        toy.update(skuNode("SKU-1", "S1", 50));
        assertThat(p.atp(of(STORE_1))).isZero();
    }

    @Test
    void aSharedRuleMayAffectOnlyThePositionsItSelects() {
        SafetyStockRule toysAtStores = categoryNodeType("toys", NodeType.STORE, 4);

        assertThat(SafetyStock.mayAffect(toysAtStores, "toys", STORE_1)).isTrue();
        assertThat(SafetyStock.mayAffect(toysAtStores, "toys", DC_1)).isFalse();
        assertThat(SafetyStock.mayAffect(toysAtStores, "garden", STORE_1)).isFalse();
        assertThat(SafetyStock.mayAffect(toysAtStores, null, STORE_1)).isFalse();
        assertThat(SafetyStock.mayAffect(nodeType(NodeType.DC, 1), null, DC_1)).isTrue();
        assertThat(SafetyStock.mayAffect(category("toys", 1), "toys", DC_1)).isTrue();
    }

    private long of(NodeInfo node) {
        return SafetyStock.of("SKU-1", node, toy, shared::get);
    }

    private static String id(SafetyStockRule rule) {
        return rule.scopeId();
    }

    static SafetyStockRule skuNode(String sku, String nodeId, long units) {
        SafetyStockRule r = rule(SafetyStockScope.SKU_NODE, units);
        r.sku = sku;
        r.nodeId = nodeId;
        return r;
    }

    static SafetyStockRule sku(String sku, long units) {
        SafetyStockRule r = rule(SafetyStockScope.SKU, units);
        r.sku = sku;
        return r;
    }

    static SafetyStockRule categoryNodeType(String category, NodeType type, long units) {
        SafetyStockRule r = rule(SafetyStockScope.CATEGORY_NODE_TYPE, units);
        r.category = category;
        r.nodeType = type;
        return r;
    }

    static SafetyStockRule category(String category, long units) {
        SafetyStockRule r = rule(SafetyStockScope.CATEGORY, units);
        r.category = category;
        return r;
    }

    static SafetyStockRule nodeType(NodeType type, long units) {
        SafetyStockRule r = rule(SafetyStockScope.NODE_TYPE, units);
        r.nodeType = type;
        return r;
    }

    private static SafetyStockRule rule(SafetyStockScope scope, long units) {
        SafetyStockRule r = new SafetyStockRule();
        r.scope = scope;
        r.units = units;
        r.updatedAt = 10;
        return r;
    }
}

package io.omnistock.domain.inventory;

import static io.omnistock.domain.inventory.LedgerEvents.DC;
import static io.omnistock.domain.inventory.LedgerEvents.STORE;
import static io.omnistock.domain.inventory.LedgerEvents.at;
import static io.omnistock.domain.inventory.LedgerEvents.receipt;
import static io.omnistock.domain.inventory.StockRequests.probe;
import static io.omnistock.domain.inventory.StockRequests.reserve;
import static io.omnistock.domain.inventory.StockRequests.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.SafetyStockScope;
import io.omnistock.domain.safety.SafetyStockRule;
import io.omnistock.domain.safety.SkuReference;
import io.omnistock.ledger.domain.StockReply;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SKU ledger with safety stock by rule: ATP, grants and probes use the resolved figure, and a
 * rule's change republishes the positions whose figures moved, and only those.
 */
class SkuLedgerSafetyStockTest {
    private final InMemoryLedger ledger = new InMemoryLedger();

    @BeforeEach
    void stock() {
        ledger.node(STORE, NodeType.STORE, NodeStatus.OPEN, 2);
        ledger.node(DC, NodeType.DC, NodeStatus.OPEN, 2);
        ledger.apply(receipt(STORE, 10, at(7, 0)));
        ledger.apply(receipt(DC, 10, at(7, 0)));
        ledger.availability.clear();
        ledger.network.clear();
        ledger.state.reference = new SkuReference();
    }

    @Test
    void aSkuRuleRepublishesEveryPositionOnceAndTheNetworkOnce() {
        ledger.state.reference.update(rule(SafetyStockScope.SKU, null, 3));
        changed(node -> true);

        // 10 - 3 at both nodes (was 10 - 2)
        assertThat(ledger.availability)
                .extracting(p -> p.nodeId(), p -> p.safetyStock(), p -> p.atp())
                .containsExactlyInAnyOrder(tuple(STORE, 3L, 7L), tuple(DC, 3L, 7L));
        assertThat(ledger.network)
                .singleElement()
                .satisfies(n -> assertThat(n.networkAtp()).isEqualTo(14));
        assertThat(ledger.recomputedNetworkAtp()).isEqualTo(14);
    }

    @Test
    void aChangeThatMovesNoFigurePublishesNothing() {
        ledger.state.reference.update(rule(SafetyStockScope.SKU_NODE, STORE, 2)); // as the node's
        changed(node -> node.nodeId.equals(STORE));

        assertThat(ledger.availability).isEmpty();
        assertThat(ledger.network).isEmpty();
    }

    @Test
    void grantsAndProbesNeverTakeTheUnitsARuleHoldsBack() {
        ledger.state.reference.update(rule(SafetyStockScope.SKU_NODE, STORE, 6)); // ATP 4
        changed(node -> node.nodeId.equals(STORE));

        ledger.handle(reserve("O-1", at(8, 0), List.of(STORE), units(STORE, 5)));
        assertThat(ledger.lastReply().kind).isEqualTo(StockReply.Kind.REFUSED);
        ledger.handle(reserve("O-2", at(8, 1), List.of(STORE), units(STORE, 4)));
        assertThat(ledger.lastReply().kind).isEqualTo(StockReply.Kind.GRANTED);
        ledger.handle(probe("O-3"));

        assertThat(ledger.lastReply().units)
                .extracting(u -> u.nodeId, u -> u.units)
                .containsExactly(tuple(DC, 8L)); // the store: 10 - 4 reserved - 6 held back = 0
        assertThat(ledger.atp(STORE)).isZero();
        assertThat(ledger.reserved(STORE)).isEqualTo(4);
    }

    private void changed(java.util.function.Predicate<io.omnistock.ledger.domain.NodeInfo> at) {
        ledger.ledger.safetyStockChanged(
                LedgerEvents.SKU, at, at(7, 30), "rule", ledger.state, ledger);
    }

    private static SafetyStockRule rule(SafetyStockScope scope, String nodeId, long units) {
        SafetyStockRule r = new SafetyStockRule();
        r.scope = scope;
        r.sku = LedgerEvents.SKU;
        r.nodeId = nodeId;
        r.units = units;
        r.updatedAt = at(7, 30);
        return r;
    }
}

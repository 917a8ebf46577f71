package io.omnistock.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Availability;
import io.omnistock.avro.NetworkAvailability;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.SafetyStockScope;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.safety.SafetyStockRule;
import io.omnistock.domain.safety.SkuCategory;
import io.omnistock.domain.safety.SkuReference;
import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Safety stock by rule in the ledger function (harness, RocksDB): SKU records and rules naming a
 * SKU on the keyed side, category and node-type rules on the broadcast side; each change
 * republishes the positions whose safety stock moved, and only those.
 */
class ApplyInventoryEventFunctionSafetyStockTest {
    private static final long T0 = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    /** One summary on the heap: every change of SKU reloads from the state backend. */
    private static final int CACHE_ENTRIES = 1;

    private KeyedBroadcastOperatorTestHarness<String, SourcedEvent, SourcedEvent, Availability>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness = LedgerHarness.open(CACHE_ENTRIES);
        node("S1", NodeType.STORE, 2);
        node("S2", NodeType.STORE, 2);
        node("D1", NodeType.DC, 0);
        receipt("SKU-1", "S1", 10);
        receipt("SKU-1", "S2", 10);
        receipt("SKU-1", "D1", 10);
        receipt("SKU-2", "S1", 10);
        harness.getOutput().clear();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aSkuRuleRepublishesOnlyThatSkusPositionsWhoseFigureMoved() throws Exception {
        keyed(rule(SafetyStockScope.SKU, "SKU-1", null, null, null, 3, T0));

        // SKU-1: S1 and S2 go from 10 - 2 to 10 - 3, D1 from 10 - 0 to 10 - 3; SKU-2 untouched
        assertThat(published())
                .containsExactlyInAnyOrder(
                        "SKU-1|S1 ss=3 atp=7", "SKU-1|S2 ss=3 atp=7", "SKU-1|D1 ss=3 atp=7");
        assertThat(harness.extractOutputValues())
                .allSatisfy(a -> assertThat(a.getVersion()).isEqualTo(2))
                .allSatisfy(a -> assertThat(a.getLastSource()).isEqualTo(SourceSystem.NETWORK));
        assertThat(lastNetworkAtp("SKU-1")).isEqualTo(21); // 7 + 7 + 7

        harness.getOutput().clear();
        keyed(rule(SafetyStockScope.SKU, "SKU-1", null, null, null, 3, T0 + MINUTE));
        assertThat(harness.extractOutputValues()).as("the same figure: nothing moved").isEmpty();

        keyed(rule(SafetyStockScope.SKU_NODE, "SKU-1", "S1", null, null, 1, T0 + MINUTE));
        assertThat(published()).containsExactly("SKU-1|S1 ss=1 atp=9");
    }

    @Test
    void aCategoryRuleAppliesOnceTheSkusCategoryIsKnown() throws Exception {
        shared(rule(SafetyStockScope.CATEGORY, null, null, "toys", null, 5, T0));
        assertThat(harness.extractOutputValues()).as("no SKU of the category yet").isEmpty();

        keyed(sku("SKU-2", "toys", T0));

        assertThat(published()).containsExactly("SKU-2|S1 ss=5 atp=5");

        harness.getOutput().clear();
        SafetyStockRule toysAtStores =
                rule(
                        SafetyStockScope.CATEGORY_NODE_TYPE,
                        null,
                        null,
                        "toys",
                        NodeType.STORE,
                        4,
                        T0);
        shared(toysAtStores);
        assertThat(published()).containsExactly("SKU-2|S1 ss=4 atp=6");
        assertThat(
                        harness.getBroadcastState(ApplyInventoryEventFunction.SAFETY_STOCK_RULES)
                                .get("CATEGORY_NODE_TYPE|toys|STORE")
                                .units)
                .isEqualTo(4);
    }

    @Test
    void aNodeTypeRuleVisitsEverySkuAtNodesOfThatType() throws Exception {
        shared(rule(SafetyStockScope.NODE_TYPE, null, null, null, NodeType.DC, 6, T0));

        assertThat(published()).containsExactly("SKU-1|D1 ss=6 atp=4");
    }

    @Test
    void aRetractedRuleGivesWayAndAnOlderVersionCannotBringItBack() throws Exception {
        keyed(sku("SKU-1", "toys", T0));
        shared(rule(SafetyStockScope.CATEGORY, null, null, "toys", null, 5, T0));
        keyed(rule(SafetyStockScope.SKU_NODE, "SKU-1", "S1", null, null, 1, T0));
        harness.getOutput().clear();

        SafetyStockRule retraction =
                rule(SafetyStockScope.SKU_NODE, "SKU-1", "S1", null, null, 0, T0 + MINUTE);
        retraction.active = false;
        keyed(retraction);
        assertThat(published()).containsExactly("SKU-1|S1 ss=5 atp=5");

        harness.getOutput().clear();
        keyed(rule(SafetyStockScope.SKU_NODE, "SKU-1", "S1", null, null, 1, T0)); // replayed
        keyed(sku("SKU-1", "garden", T0 - MINUTE)); // older than the category in force
        assertThat(harness.extractOutputValues()).isEmpty();

        SkuReference kept = reference("SKU-1");
        assertThat(kept.category).isEqualTo("toys");
        assertThat(kept.rules.get("SKU_NODE|SKU-1|S1").active).isFalse();
    }

    @Test
    void aGrantNeverTakesTheUnitsARuleHoldsBack() throws Exception {
        keyed(rule(SafetyStockScope.SKU_NODE, "SKU-1", "S1", null, null, 4, T0)); // ATP 6

        StockReply refused = reserve("O-1", "S1", 7);
        StockReply granted = reserve("O-2", "S1", 6);

        assertThat(refused.kind).isEqualTo(StockReply.Kind.REFUSED);
        assertThat(refused.units).extracting(u -> u.nodeId + "=" + u.units).contains("S1=6");
        assertThat(granted.kind).isEqualTo(StockReply.Kind.GRANTED);
        assertThat(harness.extractOutputValues().get(harness.extractOutputValues().size() - 1))
                .extracting(Availability::getReserved, Availability::getAtp)
                .containsExactly(6L, 0L);
    }

    private StockReply reserve(String orderId, String nodeId, long units) throws Exception {
        StockRequest request =
                new StockRequest(
                        orderId + "/r",
                        T0 + MINUTE,
                        orderId,
                        "SKU-1",
                        StockRequest.Action.RESERVE,
                        1);
        request.units.add(new NodeUnits(nodeId, units));
        harness.processElement(SourcedEvent.of(request), T0 + MINUTE);
        List<SourcedEvent> replies = values(LedgerOutputs.STOCK_REPLIES);
        return replies.get(replies.size() - 1).reply;
    }

    private List<String> published() {
        return harness.extractOutputValues().stream()
                .map(
                        a ->
                                a.getSku()
                                        + "|"
                                        + a.getNodeId()
                                        + " ss="
                                        + a.getSafetyStock()
                                        + " atp="
                                        + a.getAtp())
                .toList();
    }

    private long lastNetworkAtp(String sku) {
        List<NetworkAvailability> network =
                values(LedgerOutputs.NETWORK).stream().filter(n -> n.getSku().equals(sku)).toList();
        return network.get(network.size() - 1).getNetworkAtp();
    }

    private SkuReference reference(String sku) throws Exception {
        KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(sku);
        return backend.getPartitionedState(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        ApplyInventoryEventFunction.SKU_REFERENCE)
                .value();
    }

    private void node(String id, NodeType type, long safetyStock) throws Exception {
        LedgerHarness.node(harness, id, type, safetyStock, T0 - MINUTE);
    }

    private void receipt(String sku, String nodeId, long units) throws Exception {
        LedgerHarness.receipt(harness, sku, nodeId, units, T0 - MINUTE);
    }

    private void keyed(SafetyStockRule rule) throws Exception {
        harness.processElement(SourcedEvent.of(rule), rule.updatedAt);
    }

    private void keyed(SkuCategory sku) throws Exception {
        SourcedEvent in = new SourcedEvent();
        in.skuCategory = sku;
        harness.processElement(in, sku.updatedAt);
    }

    private void shared(SafetyStockRule rule) throws Exception {
        harness.processBroadcastElement(SourcedEvent.of(rule), rule.updatedAt);
    }

    private static SkuCategory sku(String sku, String category, long at) {
        return new SkuCategory(sku, category, at);
    }

    private static SafetyStockRule rule(
            SafetyStockScope scope,
            String sku,
            String nodeId,
            String category,
            NodeType type,
            long units,
            long at) {
        SafetyStockRule r = new SafetyStockRule();
        r.scope = scope;
        r.sku = sku;
        r.nodeId = nodeId;
        r.category = category;
        r.nodeType = type;
        r.units = units;
        r.updatedAt = at;
        return r;
    }

    private <T> List<T> values(OutputTag<T> tag) {
        return harness.getSideOutput(tag) == null
                ? List.of()
                : harness.getSideOutput(tag).stream().map(StreamRecord::getValue).toList();
    }
}

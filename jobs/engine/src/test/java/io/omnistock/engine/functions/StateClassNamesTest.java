package io.omnistock.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The OmniStock class names each state of the job writes into a savepoint: a POJO's class, the POJO
 * classes of its fields, each hand-written serializer's snapshot class. A savepoint can only be
 * restored while these classes exist under these names, so moving or renaming one of them fails
 * here on purpose: keep the name, or move it with a state migration and a new pin. The metric
 * windows' state is the analytics job's (its own StateClassNamesTest).
 */
class StateClassNamesTest {

    /**
     * State name -> the classes named in its serializer snapshot. These classes keep their names
     * (and packages) whatever module they live in.
     */
    private static final Map<String, Set<String>> PINNED =
            Map.ofEntries(
                    Map.entry("nodes", Set.of("io.omnistock.ledger.domain.NodeInfo")),
                    Map.entry(
                            "safety-stock-rules",
                            Set.of("io.omnistock.domain.safety.SafetyStockRule")),
                    Map.entry(
                            "sku-reference",
                            Set.of(
                                    "io.omnistock.domain.safety.SafetyStockRule",
                                    "io.omnistock.domain.safety.SkuReference")),
                    Map.entry(
                            "positions",
                            Set.of(
                                    "io.omnistock.ledger.functions.serialization.PositionSerializer$Snapshot")),
                    Map.entry(
                            "sku-summary",
                            Set.of(
                                    "io.omnistock.ledger.functions.serialization.SkuSummarySerializer$Snapshot")),
                    Map.entry("seen-event-ids", Set.of()),
                    Map.entry(
                            "reservations",
                            Set.of(
                                    // inbound promises: a reservation keeps its promised ASN units
                                    "io.omnistock.ledger.domain.InboundUnits",
                                    "io.omnistock.ledger.domain.NodeUnits",
                                    "io.omnistock.ledger.domain.Reservation")),
                    Map.entry(
                            "pending-unknown-node",
                            Set.of(
                                    "io.omnistock.ledger.domain.InboundUnits",
                                    "io.omnistock.ledger.domain.NodeInfo",
                                    "io.omnistock.ledger.domain.NodeUnits",
                                    "io.omnistock.ledger.domain.StockReply",
                                    "io.omnistock.ledger.domain.StockReply$Kind",
                                    "io.omnistock.ledger.domain.StockRequest",
                                    "io.omnistock.ledger.domain.StockRequest$Action",
                                    "io.omnistock.ledger.functions.serialization.SourcedEventSerializer$Snapshot")),
                    Map.entry("restore-generation", Set.of()),
                    Map.entry("holds", Set.of("io.omnistock.ledger.domain.Hold")),
                    Map.entry(
                            "orders",
                            Set.of(
                                    "io.omnistock.ledger.domain.InboundUnits",
                                    "io.omnistock.ledger.domain.NodeUnits",
                                    "io.omnistock.ledger.domain.StockReply",
                                    "io.omnistock.ledger.domain.StockReply$Kind",
                                    "io.omnistock.ledger.domain.orders.OrderState",
                                    "io.omnistock.ledger.domain.orders.OrderState$Phase",
                                    "io.omnistock.ledger.domain.orders.SkuStock")),
                    Map.entry(
                            "held-records",
                            Set.of(
                                    "io.omnistock.ledger.domain.InboundUnits",
                                    "io.omnistock.ledger.domain.NodeInfo",
                                    "io.omnistock.ledger.domain.NodeUnits",
                                    "io.omnistock.ledger.domain.StockReply",
                                    "io.omnistock.ledger.domain.StockReply$Kind",
                                    "io.omnistock.ledger.domain.StockRequest",
                                    "io.omnistock.ledger.domain.StockRequest$Action",
                                    "io.omnistock.ledger.functions.serialization.SourcedEventSerializer$Snapshot")),
                    Map.entry("daily-capacity", Set.of()),
                    Map.entry(
                            "quotes",
                            Set.of(
                                    "io.omnistock.ledger.domain.InboundUnits",
                                    "io.omnistock.ledger.domain.NodeUnits",
                                    "io.omnistock.ledger.domain.StockReply",
                                    "io.omnistock.ledger.domain.StockReply$Kind",
                                    "io.omnistock.ledger.domain.orders.SkuStock",
                                    "io.omnistock.ledger.domain.quotes.QuoteState")),
                    Map.entry(
                            "sourcing-rules", Set.of("io.omnistock.engine.functions.RuleSetText")));

    /**
     * Our classes outside the Avro records: those take their names from the .avsc files, whose
     * compatibility tests pin them.
     */
    private static final Pattern OMNISTOCK_CLASS =
            Pattern.compile("io\\.omnistock\\.(?!avro\\b)[A-Za-z0-9_.$]*[A-Za-z0-9_$]");

    @Test
    void everyStateNamesThePinnedClassesInItsSnapshot() throws IOException {
        Map<String, Set<String>> named = new TreeMap<>();
        for (StateDescriptor<?, ?> state :
                new StateDescriptor<?, ?>[] {
                    ApplyInventoryEventFunction.NODES,
                    ApplyInventoryEventFunction.SAFETY_STOCK_RULES,
                    ApplyInventoryEventFunction.SKU_REFERENCE,
                    ApplyInventoryEventFunction.POSITIONS,
                    ApplyInventoryEventFunction.SUMMARY,
                    ApplyInventoryEventFunction.SEEN,
                    ApplyInventoryEventFunction.RESERVATIONS,
                    ApplyInventoryEventFunction.PENDING,
                    ApplyInventoryEventFunction.GENERATION,
                    ApplyInventoryEventFunction.HOLDS,
                    RouteOrderFunction.ORDERS,
                    RouteOrderFunction.HELD,
                    RouteOrderFunction.CAPACITY,
                    RouteOrderFunction.QUOTES,
                    RouteOrderFunction.SOURCING_RULES
                }) {
            state.initializeSerializerUnlessSet(new ExecutionConfig());
            named.put(state.getName(), classNames(state.getSerializer()));
        }

        assertThat(named).isEqualTo(new TreeMap<>(PINNED));
    }

    private static Set<String> classNames(TypeSerializer<?> serializer) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        String bytes = new String(out.getCopyOfBuffer(), StandardCharsets.ISO_8859_1);
        Set<String> names = new TreeSet<>();
        Matcher m = OMNISTOCK_CLASS.matcher(bytes);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}

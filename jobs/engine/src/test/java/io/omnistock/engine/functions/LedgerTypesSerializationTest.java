package io.omnistock.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Allocation;
import io.omnistock.avro.ConditionGrade;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.LifecycleType;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLifecycleEvent;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.avro.SafetyStockScope;
import io.omnistock.avro.SourceSystem;
import io.omnistock.avro.TransportMode;
import io.omnistock.contracts.DeadLetters;
import io.omnistock.domain.analytics.MetricFact;
import io.omnistock.domain.analytics.MetricFacts;
import io.omnistock.domain.holds.HoldCommand;
import io.omnistock.domain.inventory.BufferedDelta;
import io.omnistock.domain.inventory.EventType;
import io.omnistock.domain.inventory.InboundShipment;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.NetworkTotals;
import io.omnistock.domain.inventory.PendingCountCheck;
import io.omnistock.domain.inventory.Position;
import io.omnistock.domain.returns.ReturnedItem;
import io.omnistock.domain.safety.SafetyStockRule;
import io.omnistock.domain.safety.SkuCategory;
import io.omnistock.domain.safety.SkuReference;
import io.omnistock.ledger.domain.Hold;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.Reservation;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import io.omnistock.ledger.domain.metrics.WindowFigures;
import io.omnistock.ledger.domain.orders.OrderState;
import io.omnistock.ledger.domain.orders.SkuStock;
import io.omnistock.ledger.domain.quotes.QuoteState;
import io.omnistock.ledger.functions.serialization.SourcedEventSerializer;
import io.omnistock.ledger.functions.serialization.SourcedEventTypeInfo;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * State and records between operators serialise without Kryo: as POJOs, or with the job's own
 * serializers where a record is on the per-event path.
 */
class LedgerTypesSerializationTest {
    private static final SerializerConfigImpl NO_GENERIC_TYPES = new SerializerConfigImpl();

    static {
        NO_GENERIC_TYPES.setGenericTypes(false);
    }

    static Stream<Class<?>> ledgerTypes() {
        return Stream.of(
                InventoryEvent.class,
                ReturnedItem.class,
                NodeInfo.class,
                Position.class,
                BufferedDelta.class,
                PendingCountCheck.class,
                InboundShipment.class,
                NetworkTotals.class,
                Reservation.class,
                Hold.class,
                NodeUnits.class,
                StockRequest.class,
                StockReply.class,
                OrderState.class,
                QuoteState.class,
                SkuStock.class,
                MetricFact.class,
                WindowFigures.class,
                SafetyStockRule.class,
                SkuReference.class,
                SkuCategory.class);
    }

    @ParameterizedTest
    @MethodSource("ledgerTypes")
    void isAPojoWithoutGenericFields(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);

        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        info.createSerializer(NO_GENERIC_TYPES); // throws if any field needs Kryo
    }

    @Test
    void sourcedEventsUseTheJobsSerializerWhoseNestedPartsNeedNoKryo() {
        TypeInformation<SourcedEvent> info = TypeInformation.of(SourcedEvent.class);

        assertThat(info).isInstanceOf(SourcedEventTypeInfo.class);
        assertThat(info.createSerializer(NO_GENERIC_TYPES))
                .isInstanceOf(SourcedEventSerializer.class);
    }

    static Stream<SourcedEvent> sourcedEvents() {
        SourcedEvent event = fromKafka("inventory.3pl");
        event.event =
                new InventoryEvent(
                                "e-1", 5, "SKU-1", "DC-1", EventType.ASN, 7, SourceSystem.THREE_PL)
                        .withReference("ASN-1")
                        .withCounterpart("DC-2")
                        .withEta(99);
        SourcedEvent returned = fromKafka("orders.lifecycle");
        ReturnedItem item = new ReturnedItem(ConditionGrade.C, "toys", 42.5);
        item.reason = "faulty";
        item.orderId = "ORDER-1";
        item.fromLatitude = 51.5;
        item.fromLongitude = -0.1;
        returned.event =
                new InventoryEvent(
                                "r-1", 6, "SKU-1", "DC-1", EventType.RETURN, 2, SourceSystem.ORDERS)
                        .withReturned(item);
        // the journal's details: a WMS reason code, a 3PL batch id (with a returned item too)
        SourcedEvent reasoned = fromKafka("inventory.wms");
        reasoned.event =
                new InventoryEvent("w-1", 8, "SKU-1", "DC-1", EventType.DAMAGE, 1, SourceSystem.WMS)
                        .withDetails("BROKEN", null);
        SourcedEvent batched = fromKafka("inventory.3pl");
        batched.event =
                new InventoryEvent(
                                "s-1",
                                9,
                                "SKU-1",
                                "3PL-1",
                                EventType.SNAPSHOT,
                                40,
                                SourceSystem.THREE_PL)
                        .withDetails(null, "B-42");
        SourcedEvent returnedWithReason = fromKafka("orders.lifecycle");
        returnedWithReason.event =
                new InventoryEvent(
                                "r-2", 6, "SKU-1", "DC-1", EventType.RETURN, 1, SourceSystem.ORDERS)
                        .withReturned(item)
                        .withDetails("RMA", "B-1");
        SourcedEvent rejected = fromKafka("inventory.pos");
        rejected.rejection = DeadLetterReason.UNDECODABLE;
        rejected.rejectionMessage = "truncated";
        SourcedEvent node = fromKafka("network.nodes");
        node.node = new NodeInfo("DC-1", NodeType.DC, NodeStatus.OPEN, 2);
        node.node.methods.add(FulfilmentMethod.SHIP_TO_HOME);
        SourcedEvent order = fromKafka("orders.requests");
        order.order = order();
        SourcedEvent lifecycle = fromKafka("orders.lifecycle");
        lifecycle.lifecycle =
                OrderLifecycleEvent.newBuilder()
                        .setEventId("l-1")
                        .setEventTime(Instant.ofEpochMilli(2_000))
                        .setOrderId("ORDER-1")
                        .setType(LifecycleType.SHIPPED)
                        .build();
        StockRequest reserve =
                new StockRequest("r-1", 3_000, "ORDER-1", "SKU-1", StockRequest.Action.RESERVE, 2);
        reserve.units.add(new NodeUnits("DC-1", 2));
        reserve.alternatives.add("S-1");
        SourcedEvent request = SourcedEvent.of(reserve); // made in the job: no origin
        StockReply granted = new StockReply();
        granted.kind = StockReply.Kind.GRANTED;
        granted.orderId = "ORDER-1";
        granted.units.add(new NodeUnits("DC-1", 2));
        SourcedEvent quote = fromKafka("quotes.requests");
        quote.quote = quote();
        StockReply quoted = new StockReply();
        quoted.kind = StockReply.Kind.QUOTED;
        quoted.orderId = "q-1";
        quoted.units.add(new NodeUnits("S-1", 4));
        SourcedEvent route = // a single-SKU order on the fast path: the request carries it
                SourcedEvent.of(
                        new StockRequest(
                                "req-1", 3_000, "ORDER-1", "SKU-1", StockRequest.Action.ROUTE, 0));
        route.order = order();
        StockReply routed = new StockReply();
        routed.kind = StockReply.Kind.ROUTED;
        routed.orderId = "ORDER-1";
        routed.units.add(new NodeUnits("DC-1", 5));
        routed.granted.add(new NodeUnits("DC-1", 2));
        routed.allocations.add(
                io.omnistock.avro.Allocation.newBuilder()
                        .setNodeId("DC-1")
                        .setNodeType(NodeType.DC)
                        .setSku("SKU-1")
                        .setQuantity(2)
                        .setMode(io.omnistock.avro.TransportMode.PARCEL_GROUND)
                        .setEta(Instant.ofEpochMilli(9_000))
                        .setCost(5.5)
                        .setDistanceKm(120)
                        .setCo2eKg(0.6)
                        .build());
        routed.candidates.add(
                io.omnistock.avro.ScoredCandidate.newBuilder()
                        .setRank(1)
                        .setChosen(true)
                        .setNodes(List.of("DC-1"))
                        .setShipments(1)
                        .setUnitsAllocated(2)
                        .setCost(5.5)
                        .setLatestEta(Instant.ofEpochMilli(9_000))
                        .setCo2eKg(0.6)
                        .setCostScore(0)
                        .setSpeedScore(0)
                        .setCarbonScore(0)
                        .setSplitPenalty(0)
                        .setTotalScore(0)
                        .build());
        routed.baselineCo2eKg = 0.6;
        routed.backordered.add(new io.omnistock.avro.OrderLine("SKU-1", 1));
        SourcedEvent skuRecord = fromKafka("reference.skus");
        skuRecord.skuCategory = new SkuCategory("SKU-1", "toys", 4_000);
        SourcedEvent skuRule = fromKafka("reference.safety-stock");
        skuRule.rule = new SafetyStockRule();
        skuRule.rule.scope = SafetyStockScope.SKU_NODE;
        skuRule.rule.sku = "SKU-1";
        skuRule.rule.nodeId = "S-1";
        skuRule.rule.units = 3;
        skuRule.rule.updatedAt = 4_500;
        skuRule.rule.active = false;
        SafetyStockRule categoryRule = new SafetyStockRule();
        categoryRule.scope = SafetyStockScope.CATEGORY_NODE_TYPE;
        categoryRule.category = "toys";
        categoryRule.nodeType = NodeType.DARK_STORE;
        categoryRule.units = 5;
        categoryRule.updatedAt = 4_600;
        SourcedEvent hold = fromKafka("holds.requests");
        hold.hold =
                new HoldCommand(
                        "h-1",
                        4_700,
                        "H-1",
                        "SKU-1",
                        HoldCommand.Action.HOLD,
                        "DC-1",
                        3,
                        900_000,
                        "WEB");
        SourcedEvent anyNodeHold = fromKafka("holds.requests");
        anyNodeHold.hold =
                new HoldCommand(
                        "h-2",
                        4_800,
                        "H-2",
                        "SKU-1",
                        HoldCommand.Action.EXTEND,
                        null,
                        0,
                        60_000,
                        "");
        io.omnistock.domain.channels.ChannelControl buffer =
                new io.omnistock.domain.channels.ChannelControl();
        buffer.kind = io.omnistock.avro.ChannelControlKind.BUFFER;
        buffer.scope = io.omnistock.avro.ChannelScope.CATEGORY_NODE_TYPE;
        buffer.category = "toys";
        buffer.nodeType = NodeType.STORE;
        buffer.percent = 20;
        buffer.effectiveFrom = 4_900;
        io.omnistock.domain.channels.ChannelControl exclusion =
                new io.omnistock.domain.channels.ChannelControl();
        exclusion.kind = io.omnistock.avro.ChannelControlKind.EXCLUDE;
        exclusion.scope = io.omnistock.avro.ChannelScope.SKU;
        exclusion.sku = "SKU-1";
        exclusion.effectiveUntil = 5_000;
        SourcedEvent channel =
                SourcedEvent.of(
                        new io.omnistock.domain.channels.Channel(
                                "WEB", 4_900, List.of(buffer, exclusion)));
        return Stream.of(
                channel, // broadcast: no origin
                SourcedEvent.of(io.omnistock.domain.channels.Channel.removed("APP", 4_950)),
                hold,
                anyNodeHold,
                skuRecord,
                skuRule,
                SourcedEvent.of(categoryRule), // broadcast: no origin
                SourcedEvent.of(node.node),
                event,
                returned,
                reasoned,
                batched,
                returnedWithReason,
                rejected,
                node,
                order,
                lifecycle,
                request,
                SourcedEvent.of(granted),
                quote,
                SourcedEvent.of(quoted),
                route,
                SourcedEvent.of(routed));
    }

    private static SourcedEvent fromKafka(String topic) {
        SourcedEvent s = new SourcedEvent();
        s.topic = topic;
        s.partition = 3;
        s.offset = 41;
        s.recordTimestamp = 1_700_000_000_000L;
        s.key = "SKU-1";
        s.bytes = new byte[] {0, 1, 2, -1};
        return s;
    }

    @ParameterizedTest
    @MethodSource("sourcedEvents")
    void aSourcedEventSurvivesARoundTripWhateverItCarries(SourcedEvent in) throws Exception {
        assertThat(roundTrip(in, SourcedEvent.class)).usingRecursiveComparison().isEqualTo(in);
        TypeSerializer<SourcedEvent> serializer =
                TypeInformation.of(SourcedEvent.class).createSerializer(NO_GENERIC_TYPES);
        assertThat(serializer.copy(in)).usingRecursiveComparison().isEqualTo(in).isNotSameAs(in);
    }

    @Test
    void aSourcedEventSerializerRestoredFromItsSnapshotReadsTheStateAsItIs() throws Exception {
        TypeSerializer<SourcedEvent> serializer =
                TypeInformation.of(SourcedEvent.class).createSerializer(NO_GENERIC_TYPES);
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<SourcedEvent> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());

        assertThat(
                        serializer
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(restored)
                                .isCompatibleAsIs())
                .isTrue();
        assertThat(restored.restoreSerializer()).isEqualTo(serializer);
    }

    /**
     * Savepoints taken before quotes hold SourcedEvents (held orders, pending events) written by
     * the version 1 serializer, which nests no quote serializer: its snapshot (written by that
     * code, a test resource) restores (after migrating its nested OrderLifecycleEvent schema), and
     * the restored serializer reads an event record that code wrote (another test resource).
     */
    @Test
    void aSnapshotFromBeforeQuotesRestoresAndReadsItsRecords() throws Exception {
        byte[] v1;
        try (var in =
                getClass().getResourceAsStream("/serializer-snapshots/sourced-event-v1.snapshot")) {
            v1 = in.readAllBytes();
        }
        TypeSerializerSnapshot<SourcedEvent> old =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(v1), getClass().getClassLoader());
        TypeSerializer<SourcedEvent> current =
                TypeInformation.of(SourcedEvent.class).createSerializer(NO_GENERIC_TYPES);

        // OrderLifecycleEvent gained the returned-line fields since: its Avro part migrates
        assertThat(
                        current.snapshotConfiguration()
                                .resolveSchemaCompatibility(old)
                                .isCompatibleAfterMigration())
                .isTrue();
        // a held order as the code before node groups wrote it (no quote: version 1's layout; a
        // test resource), its OrderRequest without nodeGroup
        byte[] heldOrder;
        try (var in =
                getClass()
                        .getResourceAsStream(
                                "/serializer-snapshots/sourced-event-v2-order.record")) {
            heldOrder = in.readAllBytes();
        }
        SourcedEvent held =
                old.restoreSerializer().deserialize(new DataInputDeserializer(heldOrder));
        assertThat(held.topic).isEqualTo("orders.requests");
        assertThat(held.order.getOrderId()).isEqualTo("ORDER-1");
        assertThat(held.order.getNodeGroup()).isNull();

        // a pending inventory event as the version 1 code wrote it (a test resource)
        byte[] written;
        try (var in =
                getClass()
                        .getResourceAsStream(
                                "/serializer-snapshots/sourced-event-v1-receipt.record")) {
            written = in.readAllBytes();
        }
        SourcedEvent pending = fromKafka("inventory.wms");
        pending.event =
                new InventoryEvent(
                        "e-2", 7, "SKU-1", "DC-9", EventType.RECEIPT, 4, SourceSystem.WMS);
        assertThat(old.restoreSerializer().deserialize(new DataInputDeserializer(written)))
                .usingRecursiveComparison()
                .isEqualTo(pending);
        DataOutputSerializer rewritten = new DataOutputSerializer(256);
        current.serialize(pending, rewritten);
        assertThat(rewritten.getCopyOfBuffer())
                .as("the same bytes as version 1")
                .isEqualTo(written);
    }

    /**
     * Savepoints taken before safety stock by rule hold SourcedEvents written by the version 2
     * serializer (before SKU records and rules, and before node groups): its snapshot (written by
     * that code, a test resource) restores, migrating (the nested node, order and quote types have
     * gained fields since), and reads a node record that code wrote (another test resource), which
     * the current serializer then writes and reads back whole.
     */
    @Test
    void aSnapshotFromBeforeSafetyStockRulesRestoresAndReadsItsRecords() throws Exception {
        TypeSerializerSnapshot<SourcedEvent> old =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(resource("sourced-event-v2.snapshot")),
                        getClass().getClassLoader());
        TypeSerializer<SourcedEvent> current =
                TypeInformation.of(SourcedEvent.class).createSerializer(NO_GENERIC_TYPES);

        assertThat(
                        current.snapshotConfiguration()
                                .resolveSchemaCompatibility(old)
                                .isCompatibleAfterMigration())
                .isTrue();
        SourcedEvent node = fromKafka("network.nodes");
        node.key = "DC-1";
        node.node = new NodeInfo("DC-1", NodeType.DC, NodeStatus.OPEN, 2);
        node.node.updatedAt = 5;
        SourcedEvent restored =
                old.restoreSerializer()
                        .deserialize(
                                new DataInputDeserializer(
                                        resource("sourced-event-v2-node.record")));
        assertThat(restored).usingRecursiveComparison().isEqualTo(node);
        DataOutputSerializer rewritten = new DataOutputSerializer(256);
        current.serialize(restored, rewritten);
        assertThat(current.deserialize(new DataInputDeserializer(rewritten.getCopyOfBuffer())))
                .usingRecursiveComparison()
                .isEqualTo(node);
    }

    /**
     * Savepoints taken before sales channels hold SourcedEvents written by the version 4 serializer
     * (before channel definitions, and before StockRequest gained its channel): its snapshot
     * (written by that code, a test resource) restores, migrating the nested StockRequest POJO, and
     * reads a hold request that code wrote (another test resource) as it is; the current serializer
     * writes the same bytes for it.
     */
    @Test
    void aSnapshotFromBeforeChannelsRestoresAndReadsItsRecords() throws Exception {
        TypeSerializerSnapshot<SourcedEvent> old =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(resource("sourced-event-v4.snapshot")),
                        getClass().getClassLoader());
        TypeSerializer<SourcedEvent> current =
                TypeInformation.of(SourcedEvent.class).createSerializer(NO_GENERIC_TYPES);

        assertThat(current.snapshotConfiguration().resolveSchemaCompatibility(old).isIncompatible())
                .isFalse();
        SourcedEvent hold = new SourcedEvent();
        hold.topic = "holds.requests";
        hold.partition = 1;
        hold.offset = 7;
        hold.recordTimestamp = 1_700_000_000_000L;
        hold.key = "SKU-1";
        hold.bytes = new byte[] {1, 2, 3};
        hold.hold =
                new HoldCommand(
                        "h-1",
                        4_700,
                        "H-1",
                        "SKU-1",
                        HoldCommand.Action.HOLD,
                        "DC-1",
                        3,
                        900_000,
                        "WEB");
        byte[] written = resource("sourced-event-v4-hold.record");
        assertThat(old.restoreSerializer().deserialize(new DataInputDeserializer(written)))
                .usingRecursiveComparison()
                .isEqualTo(hold);
        DataOutputSerializer rewritten = new DataOutputSerializer(256);
        current.serialize(hold, rewritten);
        assertThat(rewritten.getCopyOfBuffer())
                .as("the same bytes as version 4")
                .isEqualTo(written);
    }

    private byte[] resource(String name) throws Exception {
        try (var in = getClass().getResourceAsStream("/serializer-snapshots/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aQuoteStateSurvivesARoundTrip() throws Exception {
        QuoteState s = new QuoteState();
        s.quote = quote();
        s.awaiting.add("SKU-2");
        s.stock.add(new SkuStock("SKU-1", true, List.of(new NodeUnits("DC-1", 5))));
        StockReply early = new StockReply();
        early.kind = StockReply.Kind.QUOTED;
        early.units.add(new NodeUnits("S-1", 1));
        s.early.add(early);

        assertThat(roundTrip(s, QuoteState.class)).usingRecursiveComparison().isEqualTo(s);
    }

    private static QuoteRequest quote() {
        return QuoteRequest.newBuilder()
                .setEventId("q-1")
                .setEventTime(Instant.ofEpochMilli(1_000))
                .setRequestId("QUOTE-1")
                .setChannel("APP")
                .setLines(List.of(new OrderLine("SKU-1", 2), new OrderLine("SKU-2", 1)))
                .setDestinationLatitude(51.5)
                .setDestinationLongitude(-0.1)
                .setPickupNodeId("S-1")
                .build();
    }

    @Test
    void windowSumsSurviveARoundTrip() throws Exception {
        WindowFigures sums = new WindowFigures();
        sums.add(MetricFacts.routed(1, "WEB", 2, 0.7));
        sums.add(MetricFact.count(2, "UK", false));
        sums.add(
                MetricFact.of(
                        DeadLetters.of("t", 0, 1, 3, null, DeadLetterReason.TOO_LATE, null, null)));

        assertThat(roundTrip(sums, WindowFigures.class)).usingRecursiveComparison().isEqualTo(sums);
    }

    private static OrderRequest order() {
        return OrderRequest.newBuilder()
                .setEventId("o-1")
                .setEventTime(Instant.ofEpochMilli(1_000))
                .setOrderId("ORDER-1")
                .setChannel("WEB")
                .setLines(List.of(new OrderLine("SKU-1", 2)))
                .setMethod(FulfilmentMethod.SHIP_TO_HOME)
                .setDestinationLatitude(51.5)
                .setDestinationLongitude(-0.1)
                .setPromiseBy(Instant.ofEpochMilli(90_000))
                .build();
    }

    @Test
    void anOrderStateSurvivesARoundTrip() throws Exception {
        OrderState s = new OrderState();
        s.phase = OrderState.Phase.RESERVING;
        s.order = order();
        s.attempt = 2;
        s.stock.add(new SkuStock("SKU-1", true, List.of(new NodeUnits("DC-1", 5))));
        s.awaiting.add("SKU-1");
        s.granted.add(
                Allocation.newBuilder()
                        .setNodeId("DC-1")
                        .setSku("SKU-1")
                        .setQuantity(2)
                        .setMode(TransportMode.PARCEL_GROUND)
                        .setEta(Instant.ofEpochMilli(50_000))
                        .setCost(6.2)
                        .setDistanceKm(300)
                        .setCo2eKg(0.26)
                        .build());
        s.baselineCo2eKg = 0.3;
        StockReply early = new StockReply();
        early.kind = StockReply.Kind.PROBED;
        early.units.add(new NodeUnits("S-1", 1));
        s.early.add(early);

        assertThat(roundTrip(s, OrderState.class)).usingRecursiveComparison().isEqualTo(s);
    }

    private static <T> T roundTrip(T value, Class<T> type) throws Exception {
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(NO_GENERIC_TYPES);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}

package io.omnistock.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.omnistock.avro.ChannelDefinition;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.HoldRequest;
import io.omnistock.avro.LifecycleType;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.OrderLifecycleEvent;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.PosEventType;
import io.omnistock.avro.SafetyStockRule;
import io.omnistock.avro.SkuRecord;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.WmsEvent;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class BadRecordsTest {
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-05T12:00:00Z");
    private static final NetworkConfig CONFIG =
            NetworkConfig.small().toBuilder().start(START).wallClock(NOW).build();
    private static final RetailNetwork NETWORK = RetailNetwork.build(CONFIG);
    private static final List<GeneratedRecord> CORPUS = BadRecords.corpus(NETWORK, CONFIG);
    private static final EnumSet<DeadLetterReason> DECODE_FAILURES =
            EnumSet.of(
                    DeadLetterReason.EMPTY_PAYLOAD,
                    DeadLetterReason.OVERSIZED_RECORD,
                    DeadLetterReason.UNDECODABLE,
                    DeadLetterReason.TRAILING_BYTES);

    @Test
    void coversEveryReasonWithOneRecordPerKind() {
        List<GeneratedRecord> bad = malformed();

        assertThat(bad).hasSize(BadRecordKind.values().length);
        // INVALID_TRANSITION needs a lifecycle event for an order the engine already knows: the
        // order and its lifecycle travel on two topics, so no corpus can sequence them;
        // OUTPUT_TOO_LARGE is an output's reason, never an input's; INVALID_RULE_SET is a sourcing
        // rule set's on routing.rules, which merchandisers publish, not the generated streams
        // (SourcingRulesITCase dead-letters one)
        assertThat(bad.stream().map(GeneratedRecord::expectedReason).collect(Collectors.toSet()))
                .hasSize(33)
                .containsAll(
                        EnumSet.complementOf(
                                EnumSet.of(
                                        DeadLetterReason.UNKNOWN,
                                        DeadLetterReason.INVALID_TRANSITION,
                                        DeadLetterReason.OUTPUT_TOO_LARGE,
                                        DeadLetterReason.INVALID_RULE_SET)));
    }

    @Test
    void coversEveryInputTopicButTheJobsOwnReservations() {
        Set<String> external =
                Topics.LEDGER_INPUTS.stream()
                        .filter(t -> t != Topics.RESERVATIONS)
                        .map(TopicSpec::name)
                        .collect(Collectors.toSet());

        assertThat(malformed().stream().map(GeneratedRecord::topic).collect(Collectors.toSet()))
                .isEqualTo(external);
    }

    @Test
    void everyInputTopicGetsBytesThatDoNotDecode() {
        Set<String> external =
                Topics.LEDGER_INPUTS.stream()
                        .filter(t -> t != Topics.RESERVATIONS)
                        .map(TopicSpec::name)
                        .collect(Collectors.toSet());

        assertThat(
                        malformed().stream()
                                .filter(r -> r.expectedReason() == DeadLetterReason.UNDECODABLE)
                                .map(GeneratedRecord::topic)
                                .collect(Collectors.toSet()))
                .isEqualTo(external);
    }

    @Test
    void payloadDefectsFailToDecodeWithTheirReason() {
        for (GeneratedRecord r : malformed()) {
            if (DECODE_FAILURES.contains(r.expectedReason())) {
                DecodeException e =
                        catchThrowableOfType(
                                DecodeException.class,
                                () -> spec(r.topic()).codec().decode(r.value()));
                assertThat(e).as(r.toString()).isNotNull();
                assertThat(e.reason()).as(r.toString()).isEqualTo(r.expectedReason());
            }
        }
        assertThat(
                        malformed().stream()
                                .filter(
                                        r ->
                                                r.expectedReason()
                                                        == DeadLetterReason.OVERSIZED_RECORD))
                .allSatisfy(r -> assertThat(r.value()).hasSize(100 * 1024));
    }

    @Test
    void semanticDefectsDecodeAndShowExactlyTheirDefect() throws DecodeException {
        Set<String> nodeIds = new HashSet<>();
        NETWORK.nodes().forEach(n -> nodeIds.add(n.getNodeId()));
        Set<String> skuIds = new HashSet<>();
        NETWORK.skus().forEach(s -> skuIds.add(s.id()));

        for (GeneratedRecord r : malformed()) {
            if (DECODE_FAILURES.contains(r.expectedReason()) || isOrderTopic(r)) {
                continue;
            }
            SpecificRecord decoded = spec(r.topic()).codec().decode(r.value());
            DeadLetterReason reason = r.expectedReason();
            if (decoded instanceof NodeRecord n) {
                assertThat(nodeIds)
                        .as("bad node records never overwrite a real node")
                        .doesNotContain(n.getNodeId());
                assertThat(r.key()).isEqualTo(n.getNodeId());
                assertThat(
                                switch (reason) {
                                    case INVALID_COORDINATES ->
                                            Math.abs(n.getLatitude()) > 90
                                                    || Double.isNaN(n.getLongitude());
                                    case INVALID_NODE_RECORD ->
                                            n.getNodeId().isBlank()
                                                    || n.getRegion().isBlank()
                                                    || n.getSafetyStock() < 0
                                                    || n.getDailyOrderCapacity() < 0
                                                    || n.getGroups().size()
                                                            > Set.copyOf(n.getGroups()).size();
                                    case ABSURD_QUANTITY -> n.getSafetyStock() > 1_000_000;
                                    default -> false;
                                })
                        .as(r.toString())
                        .isTrue();
                continue;
            }
            if (decoded instanceof SkuRecord s) {
                assertThat(skuIds).as("never a real SKU").doesNotContain(s.getSku());
                assertThat(r.key()).isEqualTo(s.getSku());
                assertThat(reason).isEqualTo(DeadLetterReason.INVALID_SKU_RECORD);
                assertThat(s.getCategory()).isBlank();
                continue;
            }
            if (decoded instanceof SafetyStockRule rule) {
                assertThat(skuIds).as("never a real SKU").doesNotContain(rule.getSku());
                assertThat(r.key()).isEqualTo("SKU|" + rule.getSku());
                assertThat(reason).isEqualTo(DeadLetterReason.INVALID_SAFETY_STOCK_RULE);
                assertThat(rule.getUnits()).isNegative();
                continue;
            }
            if (decoded instanceof ChannelDefinition c) {
                assertThat(r.key()).isEqualTo(c.getChannel()).isEqualTo("NO-SUCH-CHANNEL");
                assertThat(reason).isEqualTo(DeadLetterReason.INVALID_CHANNEL);
                assertThat(c.getControls())
                        .singleElement()
                        .satisfies(
                                k -> {
                                    assertThat(skuIds).doesNotContain(k.getSku());
                                    assertThat(k.getPercent()).isGreaterThan(100);
                                });
                continue;
            }
            if (decoded instanceof HoldRequest h) {
                assertThat(r.key()).isEqualTo(h.getSku()).isIn(skuIds);
                assertThat(reason).isEqualTo(DeadLetterReason.INVALID_HOLD_TTL);
                assertThat(h.getQuantity()).isPositive();
                assertThat(h.getTtlSeconds()).isZero();
                continue;
            }
            Fields f = Fields.of(decoded);
            if (reason == DeadLetterReason.MISSING_KEY) {
                assertThat(r.key()).isNullOrEmpty();
            } else if (reason == DeadLetterReason.KEY_MISMATCH) {
                assertThat(r.key()).isNotEqualTo(f.sku).isIn(skuIds);
            } else {
                assertThat(r.key()).as(r.toString()).isEqualTo(f.sku);
            }
            if (reason != DeadLetterReason.MISSING_FIELD) {
                assertThat(f.eventId).isNotBlank();
                assertThat(f.sku).isIn(skuIds);
            }
            if (reason != DeadLetterReason.MISSING_FIELD
                    && reason != DeadLetterReason.UNKNOWN_NODE) {
                assertThat(f.nodeId).isIn(nodeIds);
            }
            switch (reason) {
                case MISSING_FIELD ->
                        assertThat(List.of(f.eventId, f.sku, f.nodeId)).anyMatch(String::isBlank);
                case UNKNOWN_NODE -> assertThat(nodeIds).doesNotContain(f.nodeId);
                case NON_POSITIVE_QUANTITY -> assertThat(f.quantity).isNotPositive();
                case NEGATIVE_COUNT -> assertThat(f.quantity).isNegative();
                case ABSURD_QUANTITY -> assertThat(f.quantity).isGreaterThan(1_000_000);
                case ZERO_ADJUSTMENT -> assertThat(f.quantity).isZero();
                case FUTURE_EVENT_TIME ->
                        assertThat(f.eventTime).isEqualTo(NOW.plus(Duration.ofDays(30)));
                case TOO_LATE ->
                        assertThat(f.eventTime)
                                .isIn(
                                        START.minus(Duration.ofDays(30)),
                                        START.minus(Duration.ofDays(365)));
                case MISSING_REFERENCE ->
                        assertThat(((PosEvent) decoded).getVoidedEventId()).isNull();
                case MISSING_ETA -> assertThat(((ThreePlEvent) decoded).getEta()).isNull();
                case SELF_TRANSFER ->
                        assertThat(((WmsEvent) decoded).getCounterpartNodeId()).isEqualTo(f.nodeId);
                default -> {}
            }
            if (reason != DeadLetterReason.FUTURE_EVENT_TIME
                    && reason != DeadLetterReason.TOO_LATE) {
                assertThat(f.eventTime).isBetween(START, START.plus(CONFIG.duration()));
            }
        }
    }

    @Test
    void badOrdersDecodeAndShowExactlyTheirDefect() throws DecodeException {
        Set<String> nodeIds = new HashSet<>();
        NETWORK.nodes().forEach(n -> nodeIds.add(n.getNodeId()));
        Set<String> skuIds = new HashSet<>();
        NETWORK.skus().forEach(s -> skuIds.add(s.id()));
        Set<String> orderIds = new HashSet<>();
        int orders = 0;

        for (GeneratedRecord r : malformed()) {
            if (!isOrderTopic(r) || DECODE_FAILURES.contains(r.expectedReason())) {
                continue;
            }
            orders++;
            DeadLetterReason reason = r.expectedReason();
            if (r.topic().equals(Topics.ORDER_LIFECYCLE.name())) {
                OrderLifecycleEvent e = Topics.ORDER_LIFECYCLE.codec().decode(r.value());
                assertThat(r.key()).isEqualTo(e.getOrderId());
                if (e.getType() == LifecycleType.RETURN_RECEIVED) {
                    // a returned line whose only defect is the missing grading
                    assertThat(reason).isEqualTo(DeadLetterReason.MISSING_FIELD);
                    assertThat(e.getGrading()).isNull();
                    assertThat(skuIds).contains(e.getSku());
                    assertThat(nodeIds).contains(e.getReceivingNodeId());
                    assertThat(e.getQuantity()).isPositive();
                    continue;
                }
                assertThat(reason).isEqualTo(DeadLetterReason.UNKNOWN_ORDER);
                assertThat(r.key()).isEqualTo(e.getOrderId());
                assertThat(orderIds).as("never placed").doesNotContain(e.getOrderId());
                assertThat(e.getType()).isEqualTo(LifecycleType.CANCELLED);
                assertThat(e.getEventTime()).isBetween(START, START.plus(CONFIG.duration()));
                continue;
            }
            OrderRequest o = Topics.ORDER_REQUESTS.codec().decode(r.value());
            assertThat(r.key()).isEqualTo(o.getOrderId());
            assertThat(o.getEventId()).isNotBlank();
            assertThat(o.getEventTime()).isBetween(START, START.plus(CONFIG.duration()));
            assertThat(o.getPromiseBy()).isAfter(o.getEventTime());
            if (reason == DeadLetterReason.DUPLICATE_ORDER) {
                assertThat(orderIds).as("reuses an order id sent before").contains(o.getOrderId());
            } else {
                assertThat(orderIds.add(o.getOrderId())).isTrue();
            }
            if (reason != DeadLetterReason.EMPTY_ORDER) {
                assertThat(o.getLines()).hasSize(1);
            }
            if (reason != DeadLetterReason.UNKNOWN_SKU && reason != DeadLetterReason.EMPTY_ORDER) {
                assertThat(o.getLines().get(0).getSku()).isIn(skuIds);
            }
            if (reason != DeadLetterReason.NON_POSITIVE_QUANTITY
                    && reason != DeadLetterReason.EMPTY_ORDER) {
                assertThat(o.getLines().get(0).getQuantity()).isPositive();
            }
            boolean pickup = reason == DeadLetterReason.UNKNOWN_PICKUP_NODE;
            if (!pickup && reason != DeadLetterReason.MISSING_DESTINATION) {
                assertThat(o.getDestinationLatitude()).isBetween(-90.0, 90.0);
                assertThat(o.getDestinationLongitude()).isBetween(-180.0, 180.0);
            }
            assertThat(o.getMethod())
                    .isEqualTo(
                            switch (reason) {
                                case UNKNOWN_PICKUP_NODE -> FulfilmentMethod.BOPIS;
                                case UNSUPPORTED_METHOD -> FulfilmentMethod.SHIP_FROM_STORE;
                                default -> FulfilmentMethod.SHIP_TO_HOME;
                            });
            switch (reason) {
                case EMPTY_ORDER -> assertThat(o.getLines()).isEmpty();
                case NON_POSITIVE_QUANTITY ->
                        assertThat(o.getLines().get(0).getQuantity()).isZero();
                case UNKNOWN_SKU -> assertThat(o.getLines().get(0).getSku()).isNotIn(skuIds);
                case MISSING_DESTINATION -> {
                    assertThat(o.getDestinationLatitude()).isNull();
                    assertThat(o.getDestinationLongitude()).isNull();
                }
                case UNKNOWN_PICKUP_NODE -> assertThat(nodeIds).doesNotContain(o.getPickupNodeId());
                case UNKNOWN_NODE_GROUP -> assertThat(o.getNodeGroup()).isEqualTo("NO-SUCH-GROUP");
                case UNSUPPORTED_METHOD, DUPLICATE_ORDER -> {}
                default -> throw new AssertionError("unexpected order reason " + reason);
            }
        }
        // the stream's order kinds, and the corpus-only ungraded return and unknown node group
        assertThat(orders).isEqualTo(BadRecordKind.orderKinds().length + 2);
    }

    @Test
    void theInventoryStreamNeverCarriesBadOrders() {
        RetailEventGenerator.generate(CONFIG.toBuilder().malformedRate(0.2).build())
                .records()
                .forEach(r -> assertThat(isOrderTopic(r)).as(r.toString()).isFalse());
    }

    @Test
    void voidsOfKnownSalesNameTheCorpusSale() throws DecodeException {
        PosEvent sale = Topics.POS.codec().decode(CORPUS.get(0).value());
        PosEvent validVoid = Topics.POS.codec().decode(CORPUS.get(1).value());
        assertThat(CORPUS.subList(0, 2)).allMatch(r -> r.kind() == GeneratedRecord.Kind.VALID);
        assertThat(validVoid.getVoidedEventId()).isEqualTo(sale.getEventId());
        assertThat(validVoid.getEventTime()).isEqualTo(sale.getEventTime());

        for (GeneratedRecord r : malformed()) {
            if (r.expectedReason() == DeadLetterReason.DUPLICATE_VOID) {
                PosEvent second = Topics.POS.codec().decode(r.value());
                assertThat(second.getType()).isEqualTo(PosEventType.VOID);
                assertThat(second.getVoidedEventId()).isEqualTo(sale.getEventId());
                assertThat(second.getNodeId()).isEqualTo(sale.getNodeId());
                assertThat(second.getEventId()).isNotEqualTo(validVoid.getEventId());
            }
        }
    }

    @Test
    void everyRecordHasAUniqueEventIdUnseenInARun() throws DecodeException {
        Set<String> ids = new HashSet<>();
        List<GeneratedRecord> run =
                new ArrayList<>(RetailEventGenerator.generate(CONFIG).records());
        run.addAll(OrderGenerator.generate(CONFIG));
        for (GeneratedRecord r : run) {
            String id = eventId(r);
            if (id != null && !id.isEmpty() && r.kind() != GeneratedRecord.Kind.DUPLICATE) {
                assertThat(ids.add(id)).as(id).isTrue();
            }
        }
        for (GeneratedRecord r : CORPUS) {
            String id = eventId(r);
            if (id != null && !id.isEmpty()) {
                assertThat(ids.add(id)).as(id).isTrue();
            }
        }
    }

    private static String eventId(GeneratedRecord r) {
        try {
            return Fields.of(spec(r.topic()).codec().decode(r.value())).eventId;
        } catch (DecodeException e) {
            return null;
        }
    }

    private static boolean isOrderTopic(GeneratedRecord r) {
        return r.topic().equals(Topics.ORDER_REQUESTS.name())
                || r.topic().equals(Topics.ORDER_LIFECYCLE.name());
    }

    private static List<GeneratedRecord> malformed() {
        return CORPUS.stream().filter(r -> r.kind() == GeneratedRecord.Kind.MALFORMED).toList();
    }

    private static TopicSpec<?> spec(String topic) {
        return Topics.LEDGER_INPUTS.stream()
                .filter(t -> t.name().equals(topic))
                .findFirst()
                .orElseThrow();
    }

    private record Fields(
            String eventId, String sku, String nodeId, int quantity, Instant eventTime) {
        static Fields of(SpecificRecord r) {
            if (r instanceof PosEvent e) {
                return new Fields(
                        e.getEventId(),
                        e.getSku(),
                        e.getNodeId(),
                        e.getQuantity(),
                        e.getEventTime());
            }
            if (r instanceof WmsEvent e) {
                return new Fields(
                        e.getEventId(),
                        e.getSku(),
                        e.getNodeId(),
                        e.getQuantity(),
                        e.getEventTime());
            }
            if (r instanceof ThreePlEvent e) {
                return new Fields(
                        e.getEventId(),
                        e.getSku(),
                        e.getNodeId(),
                        e.getQuantity(),
                        e.getEventTime());
            }
            if (r instanceof OrderRequest o) {
                return new Fields(o.getEventId(), null, null, 0, o.getEventTime());
            }
            if (r instanceof OrderLifecycleEvent e) {
                return new Fields(e.getEventId(), null, null, 0, e.getEventTime());
            }
            if (r instanceof SkuRecord s) {
                return new Fields(s.getEventId(), s.getSku(), null, 0, s.getEventTime());
            }
            if (r instanceof SafetyStockRule rule) {
                return new Fields(
                        rule.getEventId(),
                        rule.getSku(),
                        null,
                        rule.getUnits(),
                        rule.getEventTime());
            }
            if (r instanceof HoldRequest h) {
                return new Fields(
                        h.getEventId(),
                        h.getSku(),
                        h.getNodeId(),
                        h.getQuantity(),
                        h.getEventTime());
            }
            if (r instanceof ChannelDefinition c) {
                return new Fields(c.getEventId(), null, null, 0, c.getEventTime());
            }
            NodeRecord n = (NodeRecord) r;
            return new Fields(n.getEventId(), null, n.getNodeId(), 0, n.getEventTime());
        }
    }
}

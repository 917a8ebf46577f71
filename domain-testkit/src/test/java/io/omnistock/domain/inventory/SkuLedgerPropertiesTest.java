package io.omnistock.domain.inventory;

import static io.omnistock.domain.inventory.LedgerEvents.DAY;
import static io.omnistock.domain.inventory.LedgerEvents.DC;
import static io.omnistock.domain.inventory.LedgerEvents.SKU;
import static io.omnistock.domain.inventory.LedgerEvents.STORE;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.inventory.SkuLedger.Outcome;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.StockReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * The ledger rules of docs/design.md section 3 stated as properties over generated event sequences
 * at one SKU, delivered in generated arrival orders. Event times are distinct minutes of a 47 h
 * span (inside the 48 h horizon) and the watermark trails the latest event time by 10 min, as in
 * the job, so no event is too late. A failure prints the shrunk scenario in arrival order.
 */
class SkuLedgerPropertiesTest {
    /**
     * The deltas of rule 3.1 (VOID needs its sale first, so only the idempotence property uses it).
     */
    private static final List<EventType> DELTAS =
            List.of(
                    EventType.SALE,
                    EventType.RETURN,
                    EventType.RECEIPT,
                    EventType.PICK,
                    EventType.SHIP,
                    EventType.ADJUSTMENT,
                    EventType.DAMAGE,
                    EventType.TRANSFER_OUT,
                    EventType.TRANSFER_IN);

    private static final int MINUTES = 47 * 60;
    private static final long OUT_OF_ORDERNESS = Duration.ofMinutes(10).toMillis();

    /** One generated event before it is given an id: its arrival rank orders delivery. */
    record Spec(EventType type, long quantity, int minute, int arrival) {}

    /** Events in the order they are delivered, readable when a property fails. */
    record Delivery(List<InventoryEvent> events) {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("arrival order:");
            for (InventoryEvent e : events) {
                s.append("\n  ")
                        .append(e.type)
                        .append(' ')
                        .append(e.eventId)
                        .append(" q=")
                        .append(e.quantity)
                        .append(" at ")
                        .append(java.time.Instant.ofEpochMilli(e.eventTime));
                if (e.reference != null) {
                    s.append(" ref=").append(e.reference);
                }
            }
            return s.toString();
        }
    }

    // ---------------------------------------------------------------- conservation (rules 3.1,
    // 3.6)

    @Property(tries = 300, shrinking = ShrinkingMode.FULL)
    void deltasAddUpWhateverTheArrivalOrder(@ForAll("deltasOnly") Delivery delivery) {
        Replay replay = new Replay();
        long expected = 0;
        for (InventoryEvent e : delivery.events()) {
            assertThat(replay.apply(e)).as("%s", e).isEqualTo(Outcome.APPLIED);
            expected += e.type.signedDelta(e.quantity);
        }

        assertThat(replay.ledger.onHand(DC)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<Delivery> deltasOnly() {
        return specs(deltaSpec(), 1, 40).map(specs -> deliver(specs, List.of()));
    }

    // ------------------------------------------------------------- counts commute (rules 3.2, 3.3)

    @Property(tries = 300, shrinking = ShrinkingMode.FULL)
    void theLatestCountPlusLaterDeltasWhateverTheArrivalOrder(
            @ForAll("countsAndDeltas") Delivery delivery) {
        Replay replay = new Replay();
        delivery.events().forEach(replay::apply);

        InventoryEvent latest =
                delivery.events().stream()
                        .filter(e -> e.type.isCount())
                        .max(Comparator.comparingLong(e -> e.eventTime))
                        .orElseThrow();
        long after =
                delivery.events().stream()
                        .filter(e -> e.type.isDelta() && e.eventTime > latest.eventTime)
                        .mapToLong(e -> e.type.signedDelta(e.quantity))
                        .sum();
        assertThat(replay.ledger.onHand(DC)).isEqualTo(latest.quantity + after);
        assertThat(replay.ledger.rejected).isEmpty();
    }

    @Provide
    Arbitrary<Delivery> countsAndDeltas() {
        Arbitrary<List<Spec>> counts = specs(countSpec(), 1, 3);
        return Combinators.combine(specs(deltaSpec(), 0, 30), counts)
                .as((deltas, countSpecs) -> deliver(deltas, countSpecs));
    }

    // ------------------------------------------------------------------ idempotence (rule 3.5)

    @Property(tries = 300, shrinking = ShrinkingMode.FULL)
    void aReSentEventChangesNothing(
            @ForAll("everything") Delivery delivery,
            @ForAll("resendPositions") List<Integer> resendAt) {
        Replay once = new Replay();
        Replay twice = new Replay();
        List<InventoryEvent> events = delivery.events();
        // each original i is re-sent after original resendAt[i] (or right away)
        List<List<InventoryEvent>> resendsAfter = new ArrayList<>();
        events.forEach(e -> resendsAfter.add(new ArrayList<>()));
        for (int i = 0; i < events.size(); i++) {
            int at = Math.max(i, Math.min(events.size() - 1, resendAt.get(i % resendAt.size())));
            resendsAfter.get(at).add(events.get(i));
        }
        Map<String, Outcome> first = new java.util.HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            InventoryEvent e = events.get(i);
            Outcome outcome = twice.apply(e);
            first.put(e.eventId, outcome);
            assertThat(once.apply(e)).isEqualTo(outcome);
            for (InventoryEvent original : resendsAfter.get(i)) {
                if (first.get(original.eventId) == Outcome.REJECTED) {
                    continue; // rule 3.5: a rejected event is not remembered
                }
                Snapshot before = twice.snapshot();
                assertThat(twice.apply(LedgerEvents.copyOf(original)))
                        .as("re-send of %s", original)
                        .isEqualTo(Outcome.DUPLICATE);
                assertThat(twice.snapshot()).as("re-send of %s", original).isEqualTo(before);
            }
        }

        assertThat(twice.snapshot()).isEqualTo(once.snapshot());
    }

    @Provide
    Arbitrary<Delivery> everything() {
        Arbitrary<Spec> anyEvent =
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(8, deltaSpec()),
                        net.jqwik.api.Tuple.of(1, countSpec()),
                        net.jqwik.api.Tuple.of(2, voidedSaleSpec()));
        return specs(anyEvent, 1, 30).map(specs -> deliver(specs, List.of()));
    }

    @Provide
    Arbitrary<List<Integer>> resendPositions() {
        return Arbitraries.integers().between(0, 40).list().ofMinSize(1).ofMaxSize(30);
    }

    // ---------------------------------------------------------- ATP bounds (rule 3.6, section 4)

    /** One step of the reservations scenario. */
    record Step(String kind, String nodeId, long quantity, int order) {
        @Override
        public String toString() {
            return kind + "(" + nodeId + ", " + quantity + ", O-" + order + ")";
        }
    }

    @Property(tries = 300, shrinking = ShrinkingMode.FULL)
    void atpStaysWithinOnHandLessReserved(@ForAll("steps") List<Step> steps) {
        Replay replay = new Replay();
        replay.ledger.node(DC, NodeType.DC, NodeStatus.OPEN, 3);
        int minute = 0;
        for (Step step : steps) {
            long time = DAY.toEpochMilli() + Duration.ofMinutes(++minute).toMillis();
            String order = "O-" + step.order();
            switch (step.kind()) {
                case "RESERVE" -> {
                    replay.ledger.handle(
                            StockRequests.reserve(
                                    order,
                                    time,
                                    List.of(STORE, DC),
                                    StockRequests.units(step.nodeId(), step.quantity())));
                    StockReply reply = replay.ledger.lastReply();
                    if (reply.kind == StockReply.Kind.GRANTED) {
                        Position p = replay.ledger.positions.get(step.nodeId());
                        long safety = replay.ledger.nodes.get(step.nodeId()).safetyStock;
                        assertThat(p.reserved)
                                .as("after %s", step)
                                .isLessThanOrEqualTo(p.onHand - safety);
                    }
                }
                case "RELEASE" -> replay.ledger.handle(StockRequests.release(order, time));
                case "COMMIT" -> replay.ledger.handle(StockRequests.commit(order, time));
                default -> {
                    EventType type = EventType.valueOf(step.kind());
                    replay.apply(
                            new InventoryEvent(
                                            type.name().toLowerCase() + "-" + minute,
                                            time,
                                            SKU,
                                            step.nodeId(),
                                            type,
                                            step.quantity(),
                                            source(type))
                                    .withCounterpart(step.nodeId().equals(DC) ? STORE : DC));
                }
            }
            for (Map.Entry<String, Position> e : replay.ledger.positions.entrySet()) {
                Position p = e.getValue();
                NodeInfo node = replay.ledger.nodes.get(e.getKey());
                long atp = p.atp(node.safetyStock);
                assertThat(p.reserved)
                        .as("reserved at %s after %s", e.getKey(), step)
                        .isNotNegative();
                assertThat(p.reserved)
                        .as("reserved at %s after %s", e.getKey(), step)
                        .isLessThanOrEqualTo(Math.max(0, p.onHand));
                assertThat(atp).as("ATP at %s after %s", e.getKey(), step).isNotNegative();
                assertThat(atp)
                        .as("ATP at %s after %s", e.getKey(), step)
                        .isLessThanOrEqualTo(Math.max(0, p.onHand - p.reserved));
                if (p.version > 0) {
                    assertThat(p.publishedAtp).isEqualTo(atp);
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> node = Arbitraries.of(STORE, DC);
        Arbitrary<Integer> order = Arbitraries.integers().between(1, 5);
        Arbitrary<Step> delta =
                Combinators.combine(
                                Arbitraries.of(DELTAS).filter(t -> t != EventType.ADJUSTMENT),
                                node,
                                Arbitraries.longs().between(1, 30))
                        .as((t, n, q) -> new Step(t.name(), n, q, 0));
        Arbitrary<Step> reserve =
                Combinators.combine(node, Arbitraries.longs().between(1, 20), order)
                        .as((n, q, o) -> new Step("RESERVE", n, q, o));
        Arbitrary<Step> settle =
                Combinators.combine(Arbitraries.of("RELEASE", "COMMIT"), order)
                        .as((k, o) -> new Step(k, "-", 0, o));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, delta),
                        net.jqwik.api.Tuple.of(3, reserve),
                        net.jqwik.api.Tuple.of(2, settle))
                .list()
                .ofMinSize(1)
                .ofMaxSize(40);
    }

    // ------------------------------------------------------------------------------ generators

    private static Arbitrary<Integer> minute() {
        return Arbitraries.integers().between(0, MINUTES - 2);
    }

    private static Arbitrary<Integer> arrival() {
        return Arbitraries.integers().between(0, 1000);
    }

    private static Arbitrary<Spec> deltaSpec() {
        return Combinators.combine(
                        Arbitraries.of(DELTAS),
                        Arbitraries.longs().between(1, 50),
                        Arbitraries.of(true, false),
                        minute(),
                        arrival())
                .as(
                        (type, qty, negative, minute, arrival) ->
                                new Spec(
                                        type,
                                        type == EventType.ADJUSTMENT && negative ? -qty : qty,
                                        minute,
                                        arrival));
    }

    private static Arbitrary<Spec> countSpec() {
        return Combinators.combine(
                        Arbitraries.of(EventType.CYCLE_COUNT),
                        Arbitraries.longs().between(0, 500),
                        minute(),
                        arrival())
                .as(Spec::new);
    }

    /** A SALE whose VOID follows it (delivered right after it, stamped a minute later). */
    private static Arbitrary<Spec> voidedSaleSpec() {
        return Combinators.combine(Arbitraries.longs().between(1, 50), minute(), arrival())
                .as((qty, minute, arrival) -> new Spec(EventType.VOID, qty, minute, arrival));
    }

    private static Arbitrary<List<Spec>> specs(Arbitrary<Spec> spec, int min, int max) {
        return spec.list().ofMinSize(min).ofMaxSize(max).uniqueElements(Spec::minute);
    }

    /** Events from specs with ids by position, delivered by arrival rank (ties: spec order). */
    private static Delivery deliver(List<Spec> deltas, List<Spec> counts) {
        List<Spec> all = new ArrayList<>(deltas);
        all.addAll(counts);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        order.sort(
                Comparator.comparingInt((Integer i) -> all.get(i).arrival()).thenComparing(i -> i));
        List<InventoryEvent> events = new ArrayList<>();
        for (int i : order) {
            Spec s = all.get(i);
            long time = DAY.toEpochMilli() + Duration.ofMinutes(s.minute()).toMillis();
            if (s.type() == EventType.VOID) {
                InventoryEvent sale = event(EventType.SALE, "sale-" + i, s.quantity(), time);
                events.add(sale);
                events.add(
                        event(EventType.VOID, "void-" + i, 0, time + 60_000)
                                .withReference(sale.eventId));
            } else {
                events.add(
                        event(
                                s.type(),
                                s.type().name().toLowerCase() + "-" + i,
                                s.quantity(),
                                time));
            }
        }
        return new Delivery(events);
    }

    private static InventoryEvent event(EventType type, String id, long qty, long time) {
        InventoryEvent e = new InventoryEvent(id, time, SKU, DC, type, qty, source(type));
        if (type.isTransfer()) {
            e.withCounterpart(STORE);
        }
        return e;
    }

    private static SourceSystem source(EventType type) {
        return switch (type) {
            case SALE, RETURN, VOID -> SourceSystem.POS;
            case SNAPSHOT, ASN -> SourceSystem.THREE_PL;
            default -> SourceSystem.WMS;
        };
    }

    // ---------------------------------------------------------------------------------- driving

    /** What a re-send must leave unchanged: every position's figures and every output so far. */
    record Snapshot(Map<String, List<Long>> positions, int outputs) {}

    /** The in-memory ledger with the job's watermark: latest event time less 10 min. */
    static final class Replay {
        final InMemoryLedger ledger = new InMemoryLedger();
        private long maxTime = Long.MIN_VALUE;

        Outcome apply(InventoryEvent e) {
            Outcome outcome = ledger.apply(e);
            maxTime = Math.max(maxTime, e.eventTime);
            ledger.watermark = maxTime - OUT_OF_ORDERNESS;
            return outcome;
        }

        Snapshot snapshot() {
            Map<String, List<Long>> figures = new java.util.TreeMap<>();
            ledger.positions.forEach(
                    (node, p) ->
                            figures.put(
                                    node,
                                    List.of(
                                            p.onHand,
                                            p.reserved,
                                            p.version,
                                            p.lastCountTime,
                                            p.inTransit(),
                                            (long) p.recentDeltas.size(),
                                            (long) p.rememberedEvents.size())));
            int outputs = ledger.size();
            return new Snapshot(figures, outputs);
        }
    }
}

package io.omnistock.ledger.domain.metrics;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.domain.analytics.MetricFact;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sums of one window for one region and channel; every published figure is one of these sums or
 * a ratio of two. Sums, not averages, so windows and keys add up exactly. A Flink POJO (the
 * window's accumulator).
 */
public class WindowFigures {
    private static final DeadLetterReason[] REASONS = DeadLetterReason.values();

    /**
     * The order-to-decision latency buckets, by name: each holds the latencies below its upper
     * bound (ms) and at or above the one before; {@code negative} is a decision published before
     * its order's time (a producer clock ahead, or a simulated clock).
     */
    public static final Map<String, Long> LATENCY_BUCKETS = latencyBuckets();

    private static final long[] LATENCY_BOUNDS =
            LATENCY_BUCKETS.values().stream().mapToLong(Long::longValue).toArray();

    private static Map<String, Long> latencyBuckets() {
        Map<String, Long> buckets = new LinkedHashMap<>();
        buckets.put("negative", 0L);
        buckets.put("under-1s", 1_000L);
        buckets.put("1s-5s", 5_000L);
        buckets.put("5s-30s", 30_000L);
        buckets.put("30s-2min", 120_000L);
        buckets.put("2min-10min", 600_000L);
        buckets.put("10min-or-more", Long.MAX_VALUE);
        return java.util.Collections.unmodifiableMap(buckets);
    }

    /** The bucket index of a latency. */
    static int latencyBucket(long latencyMs) {
        int i = 0;
        while (latencyMs >= LATENCY_BOUNDS[i] && i < LATENCY_BOUNDS.length - 1) {
            i++;
        }
        return i;
    }

    /** The series the sums belong to. */
    public String region;

    public String channel;

    // Final decisions (operations)
    public long routed;
    public long partiallyRouted;
    public long backordered;
    public long rejected;
    public long reRoutes;
    public long unitsOrdered;
    public long unitsAllocated;
    public long unitsBackordered;

    // Routed orders (sustainability)
    public long routedUnits;
    public long shipments;
    public long splitOrders;
    public double distanceKm;
    public double co2eKg;
    public long ordersWithBaseline;
    public double baselineCo2eKg;
    public double co2eAvoidedKg;
    public long shipFromStoreOrders;
    public long bopisOrders;
    public long curbsideOrders;
    public long sameDayOrders;

    // Routed orders: cost and the promise (operations)
    public double cost;
    public long ordersWithBaselineCost;
    public double baselineCost;
    public double costOverBaseline;
    public long onTimeOrders;
    public long lateOrders;

    // Returns (sustainability)
    public long returns;
    public long unitsReturned;
    public long unitsRestocked;
    public long orderUnitsReturned;
    public double returnDistanceKm;
    public double returnCo2eKg;

    // Counts and input quality
    public long countsCompared;
    public long countsMatched;

    /**
     * Final decisions by order-to-decision latency, one count per {@link #LATENCY_BUCKETS} entry;
     * decisions without a publication time are not in it.
     */
    public long[] latencyBuckets = new long[LATENCY_BUCKETS.size()];

    /** Dead letters by {@code DeadLetterReason} ordinal. */
    public long[] deadLetters = new long[REASONS.length];

    public WindowFigures() {}

    public WindowFigures(String region, String channel) {
        this.region = region;
        this.channel = channel;
    }

    /** The sums of one fact, in its own series. */
    public static WindowFigures of(MetricFact fact) {
        return new WindowFigures(fact.region, fact.channel).add(fact);
    }

    /** The series these sums belong to: {@code region|channel}. */
    public String seriesKey() {
        return region + '|' + channel;
    }

    public WindowFigures add(MetricFact f) {
        switch (f.kind) {
            case DECISION -> addDecision(f);
            case COUNT -> {
                countsCompared++;
                countsMatched += f.matched ? 1 : 0;
            }
            case DEAD_LETTER -> {
                ensureReasons(f.reason + 1);
                deadLetters[f.reason]++;
            }
            case RETURN -> {
                returns++;
                unitsReturned += f.unitsReturned;
                unitsRestocked += f.restocked ? f.unitsReturned : 0;
                orderUnitsReturned += f.orderReturn ? f.unitsReturned : 0;
                returnDistanceKm += f.distanceKm;
                returnCo2eKg += f.co2eKg;
            }
        }
        return this;
    }

    private void addDecision(MetricFact f) {
        switch (f.status) {
            case RE_ROUTED -> {
                reRoutes++;
                return;
            }
            case REJECTED -> {
                rejected++;
                addLatency(f);
                return;
            }
            case ROUTED -> routed++;
            case PARTIALLY_ROUTED -> partiallyRouted++;
            case BACKORDERED -> backordered++;
            default -> {
                return;
            }
        }
        addLatency(f);
        unitsOrdered += f.unitsOrdered;
        unitsAllocated += f.unitsAllocated;
        unitsBackordered += f.unitsOrdered - f.unitsAllocated;
        if (f.status == DecisionStatus.BACKORDERED) {
            return;
        }
        routedUnits += f.unitsAllocated;
        shipments += f.shipments;
        splitOrders += f.shipments > 1 ? 1 : 0;
        distanceKm += f.distanceKm;
        co2eKg += f.co2eKg;
        if (!Double.isNaN(f.baselineCo2eKg)) {
            ordersWithBaseline++;
            baselineCo2eKg += f.baselineCo2eKg;
            co2eAvoidedKg += f.baselineCo2eKg - f.co2eKg;
        }
        shipFromStoreOrders += f.method == FulfilmentMethod.SHIP_TO_HOME && f.fromStore ? 1 : 0;
        bopisOrders += f.method == FulfilmentMethod.BOPIS ? 1 : 0;
        curbsideOrders += f.method == FulfilmentMethod.CURBSIDE ? 1 : 0;
        sameDayOrders += f.method == FulfilmentMethod.SAME_DAY ? 1 : 0;
        cost += f.cost;
        if (!Double.isNaN(f.baselineCost)) {
            ordersWithBaselineCost++;
            baselineCost += f.baselineCost;
            costOverBaseline += f.cost - f.baselineCost;
        }
        onTimeOrders += f.onTime ? 1 : 0;
        lateOrders += f.onTime ? 0 : 1;
    }

    private void addLatency(MetricFact f) {
        if (f.latencyMs != MetricFact.NO_LATENCY) {
            ensureLatencyBuckets();
            latencyBuckets[latencyBucket(f.latencyMs)]++;
        }
    }

    private void ensureLatencyBuckets() {
        if (latencyBuckets == null || latencyBuckets.length < LATENCY_BUCKETS.size()) {
            // sums restored from before the buckets existed (or with fewer of them)
            latencyBuckets =
                    latencyBuckets == null
                            ? new long[LATENCY_BUCKETS.size()]
                            : Arrays.copyOf(latencyBuckets, LATENCY_BUCKETS.size());
        }
    }

    /** Final decisions by latency bucket name; empty buckets are left out. */
    public Map<String, Long> latencyByBucket() {
        Map<String, Long> byBucket = new LinkedHashMap<>();
        if (latencyBuckets == null) {
            return byBucket;
        }
        int i = 0;
        for (String name : LATENCY_BUCKETS.keySet()) {
            if (i < latencyBuckets.length && latencyBuckets[i] > 0) {
                byBucket.put(name, latencyBuckets[i]);
            }
            i++;
        }
        return byBucket;
    }

    public WindowFigures merge(WindowFigures o) {
        if (region == null) {
            region = o.region;
            channel = o.channel;
        }
        routed += o.routed;
        partiallyRouted += o.partiallyRouted;
        backordered += o.backordered;
        rejected += o.rejected;
        reRoutes += o.reRoutes;
        unitsOrdered += o.unitsOrdered;
        unitsAllocated += o.unitsAllocated;
        unitsBackordered += o.unitsBackordered;
        routedUnits += o.routedUnits;
        shipments += o.shipments;
        splitOrders += o.splitOrders;
        distanceKm += o.distanceKm;
        co2eKg += o.co2eKg;
        ordersWithBaseline += o.ordersWithBaseline;
        baselineCo2eKg += o.baselineCo2eKg;
        co2eAvoidedKg += o.co2eAvoidedKg;
        shipFromStoreOrders += o.shipFromStoreOrders;
        bopisOrders += o.bopisOrders;
        curbsideOrders += o.curbsideOrders;
        sameDayOrders += o.sameDayOrders;
        cost += o.cost;
        ordersWithBaselineCost += o.ordersWithBaselineCost;
        baselineCost += o.baselineCost;
        costOverBaseline += o.costOverBaseline;
        onTimeOrders += o.onTimeOrders;
        lateOrders += o.lateOrders;
        returns += o.returns;
        unitsReturned += o.unitsReturned;
        unitsRestocked += o.unitsRestocked;
        orderUnitsReturned += o.orderUnitsReturned;
        returnDistanceKm += o.returnDistanceKm;
        returnCo2eKg += o.returnCo2eKg;
        countsCompared += o.countsCompared;
        countsMatched += o.countsMatched;
        if (o.latencyBuckets != null) {
            ensureLatencyBuckets();
            for (int i = 0; i < o.latencyBuckets.length; i++) {
                latencyBuckets[i] += o.latencyBuckets[i];
            }
        }
        ensureReasons(o.deadLetters.length);
        for (int i = 0; i < o.deadLetters.length; i++) {
            deadLetters[i] += o.deadLetters[i];
        }
        return this;
    }

    /** Orders routed: ROUTED or PARTIALLY_ROUTED. */
    public long routedOrders() {
        return routed + partiallyRouted;
    }

    /** Final decisions of every status. */
    public long decisions() {
        return routed + partiallyRouted + backordered + rejected;
    }

    public long deadLetterTotal() {
        long total = 0;
        for (long n : deadLetters) {
            total += n;
        }
        return total;
    }

    /**
     * How many facts of each kind these sums hold, by name: a decision by its status ({@code
     * ROUTED}, ..., {@code RE_ROUTED}), {@code COUNT}, {@code DEAD_LETTER}, {@code RETURN}; kinds
     * without a fact are left out.
     */
    public Map<String, Long> factsByKind() {
        Map<String, Long> kinds = new LinkedHashMap<>();
        put(kinds, DecisionStatus.ROUTED.name(), routed);
        put(kinds, DecisionStatus.PARTIALLY_ROUTED.name(), partiallyRouted);
        put(kinds, DecisionStatus.BACKORDERED.name(), backordered);
        put(kinds, DecisionStatus.REJECTED.name(), rejected);
        put(kinds, DecisionStatus.RE_ROUTED.name(), reRoutes);
        put(kinds, MetricFact.Kind.COUNT.name(), countsCompared);
        put(kinds, MetricFact.Kind.DEAD_LETTER.name(), deadLetterTotal());
        put(kinds, MetricFact.Kind.RETURN.name(), returns);
        return kinds;
    }

    /** How many facts these sums hold, of every kind. */
    public long factCount() {
        long n = 0;
        for (long count : factsByKind().values()) {
            n += count;
        }
        return n;
    }

    private static void put(Map<String, Long> kinds, String kind, long count) {
        if (count > 0) {
            kinds.put(kind, count);
        }
    }

    /** Cost of the routed orders' plans per routed order. */
    public Double costPerOrder() {
        return ratio(cost, routedOrders());
    }

    /** The cost-only baseline plans' cost per routed order that has one. */
    public Double baselineCostPerOrder() {
        return ratio(baselineCost, ordersWithBaselineCost);
    }

    /** Routed orders whose every allocated ETA keeps the promise, per routed order. */
    public Double onTimeShare() {
        return ratio(onTimeOrders, onTimeOrders + lateOrders);
    }

    /** Routed orders with an allocated ETA after the promise, per routed order. */
    public Double lateShare() {
        return ratio(lateOrders, onTimeOrders + lateOrders);
    }

    /** Dead letters of one reason. */
    public long deadLetters(DeadLetterReason reason) {
        return reason.ordinal() < deadLetters.length ? deadLetters[reason.ordinal()] : 0;
    }

    /** Whether any routing decision or return counted here (sustainability figures exist). */
    public boolean hasSustainabilityFigures() {
        return decisions() + reRoutes + returns > 0;
    }

    /** Order units returned per unit routed (a flow ratio within the window). */
    public Double returnRate() {
        return ratio(orderUnitsReturned, routedUnits);
    }

    public Double restockRate() {
        return ratio(unitsRestocked, unitsReturned);
    }

    public Double splitRate() {
        return ratio(splitOrders, routedOrders());
    }

    public Double kmPerOrder() {
        return ratio(distanceKm, routedOrders());
    }

    public Double co2ePerOrderKg() {
        return ratio(co2eKg, routedOrders());
    }

    public Double co2eAvoidedPerOrderKg() {
        return ratio(co2eAvoidedKg, ordersWithBaseline);
    }

    public Double fillRate() {
        return ratio(unitsAllocated, unitsOrdered);
    }

    public Double inventoryAccuracy() {
        return ratio(countsMatched, countsCompared);
    }

    /** {@code part / whole}, or null when there is no whole. */
    public static Double ratio(double part, double whole) {
        return whole == 0 ? null : part / whole;
    }

    private void ensureReasons(int length) {
        if (deadLetters.length < length) { // a reason added since this state was written
            deadLetters = Arrays.copyOf(deadLetters, length);
        }
    }

    public static DeadLetterReason reason(int ordinal) {
        return REASONS[ordinal];
    }
}

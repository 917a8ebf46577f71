package io.omnistock.domain.analytics;

import io.omnistock.avro.Allocation;
import io.omnistock.avro.CountCheck;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.DispositionType;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.RoutingDecision;

/**
 * One thing the metric windows count, at its event time, for one region and channel: a routing
 * decision, a returned line, a count compared with the ledger, or a dead letter. Only the figures
 * the windows need are kept, so a fact is small on the wire. A Flink POJO.
 */
public class MetricFact {
    /**
     * The region or channel value that means "every value", and the only one a fact without it has.
     */
    public static final String ALL = "ALL";

    public enum Kind {
        DECISION,
        COUNT,
        DEAD_LETTER,
        RETURN
    }

    public Kind kind;
    public long eventTime;
    public String region;
    public String channel;

    public DecisionStatus status;
    public FulfilmentMethod method;
    public int unitsOrdered;
    public int unitsAllocated;
    public int shipments;
    public double distanceKm;
    public double co2eKg;

    /** CO2e of the cost-only baseline plan, or NaN when the decision has none. */
    public double baselineCo2eKg = Double.NaN;

    /** Whether a STORE or DARK_STORE fulfils some of the order. */
    public boolean fromStore;

    /** DECISION: the cost of the chosen plan (the decision's {@code totalCost}). */
    public double cost;

    /** DECISION: the cost of the cost-only baseline plan, or NaN when the decision has none. */
    public double baselineCost = Double.NaN;

    /**
     * DECISION: whether every allocated line's ETA is at or before the order's promise ({@code
     * promiseBy}); false for a decision without allocations.
     */
    public boolean onTime;

    /**
     * DECISION: from the order's time to the decision's publication (its record's timestamp on
     * {@code orders.decisions}), in ms; {@link #NO_LATENCY} when the publication time is unknown.
     */
    public long latencyMs = NO_LATENCY;

    /** {@link #latencyMs} of a decision whose publication time is unknown. */
    public static final long NO_LATENCY = Long.MIN_VALUE;

    /** COUNT: whether the count agreed with the ledger. */
    public boolean matched;

    /** DEAD_LETTER: its reason's ordinal in {@code DeadLetterReason}. */
    public int reason;

    /** RETURN: units returned; whether they were restocked; whether they came from an order. */
    public int unitsReturned;

    public boolean restocked;
    public boolean orderReturn;

    public MetricFact() {}

    /**
     * A decision published at {@code publishedAt} (its record's timestamp, the time the ledger
     * wrote it), with its order-to-decision latency.
     */
    public static MetricFact of(RoutingDecision d, long publishedAt) {
        MetricFact f = of(d);
        f.latencyMs = publishedAt - d.getOrderTime().toEpochMilli();
        return f;
    }

    public static MetricFact of(RoutingDecision d) {
        MetricFact f = new MetricFact();
        f.kind = Kind.DECISION;
        f.eventTime = d.getEventTime().toEpochMilli();
        f.region = orAll(d.getRegion());
        f.channel = orAll(d.getChannel());
        f.status = d.getStatus();
        f.method = d.getMethod();
        f.unitsOrdered = d.getUnitsOrdered();
        f.unitsAllocated = d.getUnitsAllocated();
        f.shipments = d.getShipments();
        f.distanceKm = d.getTotalDistanceKm();
        f.co2eKg = d.getTotalCo2eKg();
        f.baselineCo2eKg = d.getBaselineCo2eKg() == null ? Double.NaN : d.getBaselineCo2eKg();
        f.cost = d.getTotalCost();
        f.baselineCost = d.getBaselineCost() == null ? Double.NaN : d.getBaselineCost();
        long latestEta = Long.MIN_VALUE;
        for (Allocation a : d.getAllocations()) {
            f.fromStore |=
                    a.getNodeType() == NodeType.STORE || a.getNodeType() == NodeType.DARK_STORE;
            latestEta = Math.max(latestEta, a.getEta().toEpochMilli());
        }
        f.onTime = latestEta != Long.MIN_VALUE && latestEta <= d.getPromiseBy().toEpochMilli();
        return f;
    }

    /** A count compared with the ledger, at the count's as-of time, in its node's region. */
    public static MetricFact count(long asOf, String region, boolean matched) {
        MetricFact f = new MetricFact();
        f.kind = Kind.COUNT;
        f.eventTime = asOf;
        f.region = orAll(region);
        f.channel = ALL;
        f.matched = matched;
        return f;
    }

    /** A count check read from its topic: {@link #count(long, String, boolean)} of its figures. */
    public static MetricFact of(CountCheck c) {
        return count(c.getEventTime().toEpochMilli(), c.getRegion(), c.getMatched());
    }

    /** A dead letter, at its record's time: no region, no channel. */
    public static MetricFact of(DeadLetter d) {
        MetricFact f = new MetricFact();
        f.kind = Kind.DEAD_LETTER;
        f.eventTime = d.getEventTime().toEpochMilli();
        f.region = ALL;
        f.channel = ALL;
        f.reason = d.getReason().ordinal();
        return f;
    }

    /**
     * A returned line, at its receipt time, in its receiving node's region and channel ALL (a
     * return does not say which channel sold it).
     */
    public static MetricFact of(ReturnDisposition d) {
        MetricFact f = new MetricFact();
        f.kind = Kind.RETURN;
        f.eventTime = d.getEventTime().toEpochMilli();
        f.region = orAll(d.getRegion());
        f.channel = ALL;
        f.unitsReturned = d.getQuantity();
        f.restocked = d.getDisposition() == DispositionType.RESTOCK;
        f.orderReturn = d.getOrderId() != null;
        f.distanceKm = d.getReturnDistanceKm();
        f.co2eKg = d.getReturnCo2eKg();
        return f;
    }

    public boolean isFinalDecision() {
        return kind == Kind.DECISION && status != DecisionStatus.RE_ROUTED;
    }

    public boolean isRouted() {
        return kind == Kind.DECISION
                && (status == DecisionStatus.ROUTED || status == DecisionStatus.PARTIALLY_ROUTED);
    }

    private static String orAll(String value) {
        return value == null || value.isBlank() ? ALL : value;
    }
}

package io.omnistock.domain.analytics;

import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;

/** Hand-made facts for the metric tests. */
public final class MetricFacts {

    /**
     * A decision fact.
     *
     * @param baseline NaN for none
     */
    public static MetricFact decision(
            long time,
            String region,
            String channel,
            DecisionStatus status,
            FulfilmentMethod method,
            int ordered,
            int allocated,
            int shipments,
            double km,
            double co2e,
            double baseline,
            boolean fromStore) {
        MetricFact f = new MetricFact();
        f.kind = MetricFact.Kind.DECISION;
        f.eventTime = time;
        f.region = region;
        f.channel = channel;
        f.status = status;
        f.method = method;
        f.unitsOrdered = ordered;
        f.unitsAllocated = allocated;
        f.shipments = shipments;
        f.distanceKm = km;
        f.co2eKg = co2e;
        f.baselineCo2eKg = baseline;
        f.fromStore = fromStore;
        return f;
    }

    /** A one-shipment home delivery of {@code units}, all allocated, from a DC. */
    public static MetricFact routed(long time, String channel, int units, double co2e) {
        return decision(
                time,
                "UK",
                channel,
                DecisionStatus.ROUTED,
                FulfilmentMethod.SHIP_TO_HOME,
                units,
                units,
                1,
                100,
                co2e,
                co2e + 0.1,
                false);
    }

    private MetricFacts() {}
}

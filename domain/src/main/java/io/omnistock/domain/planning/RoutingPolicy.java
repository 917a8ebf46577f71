package io.omnistock.domain.planning;

import io.omnistock.avro.NodeType;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.TransportMode;
import java.io.Serializable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The tunable numbers of routing (docs/design.md section 4). Start from {@link #defaults()} and
 * change what the job options set with the {@code with...} copies.
 *
 * @param weights score weights per preference; every preference has one
 * @param maxSplit most distinct nodes (shipments) one order may use, at least 1
 * @param sameDayRadiusKm SAME_DAY: the furthest great-circle distance a node may be from the
 *     destination
 * @param unitWeightKg shipped weight of one unit, for CO2e
 * @param splitPenalty added to a plan's total per shipment beyond the first
 * @param candidatesReported how many ranked plans a decision lists (the chosen one first)
 * @param airMinKm SHIP_TO_HOME expedites by air only from this great-circle distance up
 * @param anchorLimit how many best-covering nodes seed a multi-node plan
 * @param alternativesReported how many alternative nodes are ranked per line
 * @param handlingHours pick-and-pack hours per node type; a type not listed takes {@value
 *     #DEFAULT_HANDLING_HOURS}
 * @param transportRates time and price per transport mode; every mode but UNKNOWN has one
 */
public record RoutingPolicy(
        Map<RoutingPreference, ScoreWeights> weights,
        int maxSplit,
        double sameDayRadiusKm,
        double unitWeightKg,
        double splitPenalty,
        int candidatesReported,
        double airMinKm,
        int anchorLimit,
        int alternativesReported,
        Map<NodeType, Double> handlingHours,
        Map<TransportMode, TransportRate> transportRates)
        implements Serializable {

    /** Handling hours of a node type the policy does not list. */
    public static final double DEFAULT_HANDLING_HOURS = 4.0;

    public RoutingPolicy {
        EnumMap<RoutingPreference, ScoreWeights> weightCopy =
                new EnumMap<>(RoutingPreference.class);
        weightCopy.putAll(weights);
        for (RoutingPreference preference : RoutingPreference.values()) {
            if (weightCopy.get(preference) == null) {
                throw new IllegalArgumentException("no weights for " + preference);
            }
        }
        weights = Collections.unmodifiableMap(weightCopy);

        EnumMap<NodeType, Double> hoursCopy = new EnumMap<>(NodeType.class);
        hoursCopy.putAll(handlingHours);
        hoursCopy.forEach((type, hours) -> requireNonNegative("handling hours of " + type, hours));
        handlingHours = Collections.unmodifiableMap(hoursCopy);

        EnumMap<TransportMode, TransportRate> ratesCopy = new EnumMap<>(TransportMode.class);
        ratesCopy.putAll(transportRates);
        for (TransportMode mode : TransportMode.values()) {
            if (mode != TransportMode.UNKNOWN && ratesCopy.get(mode) == null) {
                throw new IllegalArgumentException("no transport rate for " + mode);
            }
        }
        transportRates = Collections.unmodifiableMap(ratesCopy);

        requireAtLeastOne("maxSplit", maxSplit);
        requireAtLeastOne("candidatesReported", candidatesReported);
        requireAtLeastOne("anchorLimit", anchorLimit);
        requireAtLeastOne("alternativesReported", alternativesReported);
        requireNonNegative("sameDayRadiusKm", sameDayRadiusKm);
        requireNonNegative("unitWeightKg", unitWeightKg);
        requireNonNegative("splitPenalty", splitPenalty);
        requireNonNegative("airMinKm", airMinKm);
    }

    /**
     * BALANCED 1/3 each, CHEAPEST / FASTEST / GREENEST 0.7 on their part and 0.15 on the others;
     * split penalty 0.25, at most 3 nodes, same-day within 30 km, 1 kg per unit, 5 candidates
     * reported, air from 500 km, 8 anchors, 10 alternatives per line; handling STORE 2 h,
     * DARK_STORE 0.5 h, DC 4 h, THREE_PL 6 h; parcel ground 12 h + 60 km/h, 4.00 + 0.004/km; parcel
     * air 8 h + 600 km/h, 9.00 + 0.012/km; courier van 0.5 h + 30 km/h, 5.00 + 0.60/km; store
     * pickup free and instant.
     */
    public static RoutingPolicy defaults() {
        Map<RoutingPreference, ScoreWeights> weights = new EnumMap<>(RoutingPreference.class);
        double third = 1.0 / 3.0;
        weights.put(RoutingPreference.BALANCED, new ScoreWeights(third, third, third));
        weights.put(RoutingPreference.CHEAPEST, new ScoreWeights(0.7, 0.15, 0.15));
        weights.put(RoutingPreference.FASTEST, new ScoreWeights(0.15, 0.7, 0.15));
        weights.put(RoutingPreference.GREENEST, new ScoreWeights(0.15, 0.15, 0.7));

        Map<NodeType, Double> handling = new EnumMap<>(NodeType.class);
        handling.put(NodeType.STORE, 2.0);
        handling.put(NodeType.DARK_STORE, 0.5);
        handling.put(NodeType.DC, 4.0);
        handling.put(NodeType.THREE_PL, 6.0);

        Map<TransportMode, TransportRate> rates = new EnumMap<>(TransportMode.class);
        rates.put(TransportMode.PARCEL_GROUND, new TransportRate(12.0, 60.0, 4.00, 0.004));
        rates.put(TransportMode.PARCEL_AIR, new TransportRate(8.0, 600.0, 9.00, 0.012));
        rates.put(TransportMode.COURIER_VAN, new TransportRate(0.5, 30.0, 5.00, 0.60));
        rates.put(TransportMode.STORE_PICKUP, new TransportRate(0.0, 0.0, 0.0, 0.0));

        return new RoutingPolicy(weights, 3, 30.0, 1.0, 0.25, 5, 500.0, 8, 10, handling, rates);
    }

    /** The weights for a preference; null reads as BALANCED. */
    public ScoreWeights weightsFor(RoutingPreference preference) {
        return weights.get(preference == null ? RoutingPreference.BALANCED : preference);
    }

    /** Pick-and-pack hours at a node of this type. */
    public double handlingHoursOf(NodeType type) {
        Double hours = type == null ? null : handlingHours.get(type);
        return hours == null ? DEFAULT_HANDLING_HOURS : hours;
    }

    public TransportRate rateOf(TransportMode mode) {
        TransportRate rate = transportRates.get(mode);
        if (rate == null) {
            throw new IllegalArgumentException("no transport rate for " + mode);
        }
        return rate;
    }

    public RoutingPolicy withWeights(RoutingPreference preference, ScoreWeights preferenceWeights) {
        return edit(p -> p.weights.put(preference, preferenceWeights));
    }

    public RoutingPolicy withMaxSplit(int nodes) {
        return edit(p -> p.maxSplit = nodes);
    }

    public RoutingPolicy withSameDayRadiusKm(double km) {
        return edit(p -> p.sameDayRadiusKm = km);
    }

    public RoutingPolicy withUnitWeightKg(double kg) {
        return edit(p -> p.unitWeightKg = kg);
    }

    public RoutingPolicy withSplitPenalty(double perExtraShipment) {
        return edit(p -> p.splitPenalty = perExtraShipment);
    }

    public RoutingPolicy withCandidatesReported(int plans) {
        return edit(p -> p.candidatesReported = plans);
    }

    public RoutingPolicy withAirMinKm(double km) {
        return edit(p -> p.airMinKm = km);
    }

    public RoutingPolicy withAnchorLimit(int anchors) {
        return edit(p -> p.anchorLimit = anchors);
    }

    public RoutingPolicy withAlternativesReported(int nodes) {
        return edit(p -> p.alternativesReported = nodes);
    }

    public RoutingPolicy withHandlingHours(NodeType type, double hours) {
        return edit(p -> p.handlingHours.put(type, hours));
    }

    public RoutingPolicy withTransportRate(TransportMode mode, TransportRate rate) {
        return edit(p -> p.transportRates.put(mode, rate));
    }

    /** A copy of this policy with one change (checked like any policy). */
    private RoutingPolicy edit(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** A policy being changed. */
    private static final class Draft {
        final Map<RoutingPreference, ScoreWeights> weights;
        int maxSplit;
        double sameDayRadiusKm;
        double unitWeightKg;
        double splitPenalty;
        int candidatesReported;
        double airMinKm;
        int anchorLimit;
        int alternativesReported;
        final Map<NodeType, Double> handlingHours;
        final Map<TransportMode, TransportRate> transportRates;

        Draft(RoutingPolicy p) {
            weights = new EnumMap<>(p.weights);
            maxSplit = p.maxSplit;
            sameDayRadiusKm = p.sameDayRadiusKm;
            unitWeightKg = p.unitWeightKg;
            splitPenalty = p.splitPenalty;
            candidatesReported = p.candidatesReported;
            airMinKm = p.airMinKm;
            anchorLimit = p.anchorLimit;
            alternativesReported = p.alternativesReported;
            handlingHours = new EnumMap<>(NodeType.class);
            handlingHours.putAll(p.handlingHours);
            transportRates = new EnumMap<>(TransportMode.class);
            transportRates.putAll(p.transportRates);
        }

        RoutingPolicy build() {
            return new RoutingPolicy(
                    weights,
                    maxSplit,
                    sameDayRadiusKm,
                    unitWeightKg,
                    splitPenalty,
                    candidatesReported,
                    airMinKm,
                    anchorLimit,
                    alternativesReported,
                    handlingHours,
                    transportRates);
        }
    }

    private static void requireAtLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0: " + value);
        }
    }
}

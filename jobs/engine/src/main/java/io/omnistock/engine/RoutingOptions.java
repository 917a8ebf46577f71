package io.omnistock.engine;

import io.omnistock.avro.RoutingPreference;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.domain.planning.ScoreWeights;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/** Typed options of order routing (docs/design.md section 4); every one is in the README table. */
public final class RoutingOptions {
    private static final RoutingPolicy DEFAULTS = RoutingPolicy.defaults();

    public static final ConfigOption<Integer> MAX_SPLIT =
            ConfigOptions.key("routing.max-split")
                    .intType()
                    .defaultValue(DEFAULTS.maxSplit())
                    .withDescription("Most nodes (shipments) one order may be split across.");

    public static final ConfigOption<Integer> MAX_ATTEMPTS =
            ConfigOptions.key("routing.max-attempts")
                    .intType()
                    .defaultValue(3)
                    .withDescription(
                            "Planning rounds per order: when the ledger refuses a reservation"
                                    + " (stock moved since the plan), routing re-plans the refused"
                                    + " lines on fresh stock up to this many rounds in all, then"
                                    + " backorders them.");

    public static final ConfigOption<Double> SAME_DAY_RADIUS_KM =
            ConfigOptions.key("routing.same-day-radius-km")
                    .doubleType()
                    .defaultValue(DEFAULTS.sameDayRadiusKm())
                    .withDescription("SAME_DAY orders go only to nodes within this distance.");

    public static final ConfigOption<Double> UNIT_WEIGHT_KG =
            ConfigOptions.key("routing.unit-weight-kg")
                    .doubleType()
                    .defaultValue(DEFAULTS.unitWeightKg())
                    .withDescription("Weight of one unit, for CO2e (no SKU master data yet).");

    public static final ConfigOption<Double> SPLIT_PENALTY =
            ConfigOptions.key("routing.split-penalty")
                    .doubleType()
                    .defaultValue(DEFAULTS.splitPenalty())
                    .withDescription("Score added per shipment beyond the first.");

    public static final ConfigOption<Duration> ORDER_RETENTION =
            ConfigOptions.key("routing.order-retention")
                    .durationType()
                    .defaultValue(Duration.ofDays(7))
                    .withDescription(
                            "How long routing remembers an order (for duplicates and its"
                                    + " lifecycle), in event time after it was placed.");

    public static final ConfigOption<Boolean> SINGLE_SKU_FAST_PATH =
            ConfigOptions.key("routing.single-sku-fast-path")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "A single-SKU order is planned, reserved and answered by its SKU's"
                                    + " ledger in one step, inside the job, instead of through"
                                    + " the reservation loop over orders.reservations (which"
                                    + " waits for a checkpoint per round trip in exactly-once"
                                    + " mode). Multi-SKU orders always take the loop.");

    public static final ConfigOption<List<Double>> WEIGHTS_BALANCED = weights("balanced");
    public static final ConfigOption<List<Double>> WEIGHTS_CHEAPEST = weights("cheapest");
    public static final ConfigOption<List<Double>> WEIGHTS_FASTEST = weights("fastest");
    public static final ConfigOption<List<Double>> WEIGHTS_GREENEST = weights("greenest");

    private static ConfigOption<List<Double>> weights(String preference) {
        ScoreWeights w = DEFAULTS.weightsFor(RoutingPreference.valueOf(preference.toUpperCase()));
        return ConfigOptions.key("routing.weights." + preference)
                .doubleType()
                .asList()
                .defaultValues(w.cost(), w.speed(), w.carbon())
                .withDescription(
                        "Weights of cost, speed and carbon for "
                                + preference.toUpperCase()
                                + " orders, e.g. 0.15;0.15;0.7.");
    }

    /** The routing policy these options describe. */
    public static RoutingPolicy policy(ReadableConfig conf) {
        RoutingPolicy policy =
                DEFAULTS.withMaxSplit(conf.get(MAX_SPLIT))
                        .withSameDayRadiusKm(conf.get(SAME_DAY_RADIUS_KM))
                        .withUnitWeightKg(conf.get(UNIT_WEIGHT_KG))
                        .withSplitPenalty(conf.get(SPLIT_PENALTY));
        policy = withWeights(policy, RoutingPreference.BALANCED, conf.get(WEIGHTS_BALANCED));
        policy = withWeights(policy, RoutingPreference.CHEAPEST, conf.get(WEIGHTS_CHEAPEST));
        policy = withWeights(policy, RoutingPreference.FASTEST, conf.get(WEIGHTS_FASTEST));
        return withWeights(policy, RoutingPreference.GREENEST, conf.get(WEIGHTS_GREENEST));
    }

    private static RoutingPolicy withWeights(
            RoutingPolicy policy, RoutingPreference preference, List<Double> w) {
        if (w.size() != 3) {
            throw new IllegalArgumentException(
                    "routing.weights." + preference.name().toLowerCase() + " needs 3 numbers");
        }
        return policy.withWeights(preference, new ScoreWeights(w.get(0), w.get(1), w.get(2)));
    }

    private RoutingOptions() {}
}

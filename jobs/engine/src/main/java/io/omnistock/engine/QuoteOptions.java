package io.omnistock.engine;

import io.omnistock.domain.quotes.QuoteSettings;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/** Options of delivery-options quotes (quotes.requests -> quotes.responses); README lists them. */
public final class QuoteOptions {
    private static final QuoteSettings DEFAULTS = QuoteSettings.defaults();

    public static final ConfigOption<Duration> STANDARD_PROMISE =
            ConfigOptions.key("quotes.standard-promise")
                    .durationType()
                    .defaultValue(Duration.ofMillis(DEFAULTS.standardPromiseMillis()))
                    .withDescription(
                            "Promise of the standard SHIP_TO_HOME and SHIP_FROM_STORE options,"
                                    + " after the quote's time (the option's promiseBy).");

    public static final ConfigOption<Duration> EXPRESS_PROMISE =
            ConfigOptions.key("quotes.express-promise")
                    .durationType()
                    .defaultValue(Duration.ofMillis(DEFAULTS.expressPromiseMillis()))
                    .withDescription("Promise of the express SHIP_TO_HOME option (FASTEST).");

    public static final ConfigOption<Duration> PICKUP_PROMISE =
            ConfigOptions.key("quotes.pickup-promise")
                    .durationType()
                    .defaultValue(Duration.ofMillis(DEFAULTS.pickupPromiseMillis()))
                    .withDescription("Promise of the BOPIS and CURBSIDE options.");

    public static final ConfigOption<Duration> SAME_DAY_PROMISE =
            ConfigOptions.key("quotes.same-day-promise")
                    .durationType()
                    .defaultValue(Duration.ofMillis(DEFAULTS.sameDayPromiseMillis()))
                    .withDescription("Promise of the SAME_DAY option.");

    public static final ConfigOption<Double> PICKUP_RADIUS_KM =
            ConfigOptions.key("quotes.pickup-radius-km")
                    .doubleType()
                    .defaultValue(DEFAULTS.pickupRadiusKm())
                    .withDescription("Stores this close to the destination are quoted for pickup.");

    public static final ConfigOption<Integer> MAX_PICKUP_STORES =
            ConfigOptions.key("quotes.max-pickup-stores")
                    .intType()
                    .defaultValue(DEFAULTS.maxPickupStores())
                    .withDescription("Most stores quoted per pickup method, nearest first.");

    public static final ConfigOption<Duration> TIMEOUT =
            ConfigOptions.key("quotes.timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "Processing time a quote waits for the ledger's stock answers before it"
                                    + " is answered TIMED_OUT and forgotten.");

    /** The quote settings these options describe. */
    public static QuoteSettings settings(ReadableConfig conf) {
        return new QuoteSettings(
                conf.get(STANDARD_PROMISE).toMillis(),
                conf.get(EXPRESS_PROMISE).toMillis(),
                conf.get(PICKUP_PROMISE).toMillis(),
                conf.get(SAME_DAY_PROMISE).toMillis(),
                conf.get(PICKUP_RADIUS_KM),
                conf.get(MAX_PICKUP_STORES));
    }

    private QuoteOptions() {}
}

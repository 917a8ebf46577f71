package io.omnistock.analytics;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Typed options of the analytics job's metric windows; each one is listed in the configuration
 * reference (docs/reference/configuration.md).
 */
public final class MetricsOptions {
    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
            ConfigOptions.key("metrics.max-out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "The metric windows' watermark delay behind the highest fact time seen:"
                                    + " a window is first published this long after its end.");

    public static final ConfigOption<Duration> ALLOWED_LATENESS =
            ConfigOptions.key("metrics.allowed-lateness")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "How long after a window's end (in event time, beyond the watermark"
                                    + " delay) the window stays provisional: each late fact in"
                                    + " that time publishes a new provisional revision of the same"
                                    + " record key; then the window is published final.");

    public static final ConfigOption<Duration> LATE_RETENTION =
            ConfigOptions.key("metrics.late-retention")
                    .durationType()
                    .defaultValue(Duration.ofDays(1))
                    .withDescription(
                            "How long a window's sums are kept after it is published final: a fact"
                                    + " that arrives in that time is counted in the window's"
                                    + " lateFacts (by kind) and published as a new final"
                                    + " revision. Facts later still are counted"
                                    + " (metric-facts-expired-1m / -1h) and logged.");

    public static final ConfigOption<Duration> SOURCE_IDLENESS =
            ConfigOptions.key("metrics.source-idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "A kind of fact (decisions, returns, count checks, dead letters) whose"
                                    + " input has no records for this long stops holding back"
                                    + " the metric windows' watermark.");

    private MetricsOptions() {}
}

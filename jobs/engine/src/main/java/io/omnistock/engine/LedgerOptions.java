package io.omnistock.engine;

import io.omnistock.avro.NodeType;
import io.omnistock.domain.forecast.ForecastSettings;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.engine.functions.HoldPeriods;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/** Typed options of the ledger job; each one is listed in the README's configuration table. */
public final class LedgerOptions {
    public static final ConfigOption<Duration> HORIZON =
            ConfigOptions.key("ledger.horizon")
                    .durationType()
                    .defaultValue(Duration.ofHours(48))
                    .withDescription(
                            "Event-time horizon for the delta buffer that makes late counts exact,"
                                    + " for dedupe by event id, and for rejecting events as TOO_LATE"
                                    + " (older than watermark minus horizon).");

    public static final ConfigOption<Long> MAX_QUANTITY =
            ConfigOptions.key("ledger.max-quantity")
                    .longType()
                    .defaultValue(1_000_000L)
                    .withDescription(
                            "Largest plausible quantity in one event; above it: ABSURD_QUANTITY.");

    public static final ConfigOption<Duration> MAX_FUTURE_SKEW =
            ConfigOptions.key("ledger.max-future-skew")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "How far ahead of the wall clock an event time may be (source clock skew);"
                                    + " beyond it: FUTURE_EVENT_TIME.");

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
            ConfigOptions.key("ledger.max-out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "Watermark delay behind the highest event time seen per partition.");

    public static final ConfigOption<Duration> DISCREPANCY_SETTLE_DELAY =
            ConfigOptions.key("ledger.discrepancy-settle-delay")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription(
                            "How far the watermark must pass a count's as-of time before the count's"
                                    + " comparison with the ledger settles (discrepancy, inventory"
                                    + " accuracy): deltas stamped at or before the count that arrive"
                                    + " until then still count toward the expectation. 0: the"
                                    + " watermark already waits ledger.max-out-of-orderness behind"
                                    + " the slowest partition; a delay only helps feeds later than"
                                    + " that, and delays every discrepancy by as much.");

    public static final ConfigOption<Duration> SOURCE_IDLENESS =
            ConfigOptions.key("ledger.source-idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "A partition without records for this long stops holding back the watermark.");

    public static final ConfigOption<Duration> UNKNOWN_NODE_GRACE =
            ConfigOptions.key("ledger.unknown-node-grace")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "How long (processing time) an event for a node not yet seen on network.nodes"
                                    + " waits for it before it is dead-lettered as UNKNOWN_NODE.");

    public static final ConfigOption<Duration> UNKNOWN_SKU_GRACE =
            ConfigOptions.key("ledger.unknown-sku-grace")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withFallbackKeys(UNKNOWN_NODE_GRACE.key())
                    .withDescription(
                            "How long (processing time) an order for a SKU the ledger holds no stock"
                                    + " of yet waits for the SKU's first stock event before routing"
                                    + " rejects it as UNKNOWN_SKU. Unset: ledger.unknown-node-grace.");

    public static final ConfigOption<Integer> SUMMARY_CACHE_ENTRIES =
            ConfigOptions.key("ledger.summary-cache-entries")
                    .intType()
                    .defaultValue(50_000)
                    .withDescription(
                            "SKU summaries (network totals, timers) each ledger subtask keeps on the"
                                    + " heap in front of RocksDB, most recently used first; a hit"
                                    + " saves one state read per event and a read per node per probe. About 250 bytes plus 8 per node each.");

    public static final ConfigOption<Boolean> JOURNAL_ENABLED =
            ConfigOptions.key("ledger.journal.enabled")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Whether the ledger writes the movement journal: one record per inventory"
                                    + " event it applied or judged a duplicate, stale or superseded,"
                                    + " with the position before and after, on the retained"
                                    + " inventory.movements topic (about one record per input event)."
                                    + " Off: no record and no cost per event.");

    public static final ConfigOption<Long> LOW_THRESHOLD_STORE = lowThreshold("store", 5);
    public static final ConfigOption<Long> LOW_THRESHOLD_DARK_STORE = lowThreshold("dark-store", 5);
    public static final ConfigOption<Long> LOW_THRESHOLD_DC = lowThreshold("dc", 20);
    public static final ConfigOption<Long> LOW_THRESHOLD_THREE_PL = lowThreshold("three-pl", 20);

    public static final ConfigOption<Duration> FORECAST_HALF_LIFE =
            ConfigOptions.key("forecast.half-life")
                    .durationType()
                    .defaultValue(Duration.ofDays(3))
                    .withDescription(
                            "Half-life of the exponentially weighted sell-through velocity per SKU x"
                                    + " node (event time): demand this old weighs half.");

    public static final ConfigOption<Duration> FORECAST_STOCKOUT_LEAD_TIME =
            ConfigOptions.key("forecast.stockout-lead-time")
                    .durationType()
                    .defaultValue(Duration.ofDays(2))
                    .withDescription(
                            "A PROJECTED_STOCKOUT alert is raised when days of cover (ATP / velocity)"
                                    + " first falls below this; re-armed when cover is back above it.");

    public static final ConfigOption<List<Duration>> FORECAST_HORIZONS =
            ConfigOptions.key("forecast.horizons")
                    .durationType()
                    .asList()
                    .defaultValues(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7))
                    .withDescription(
                            "Horizons of the projected ATP carried by availability records"
                                    + " (e.g. 1 d;3 d;7 d).");

    public static final ConfigOption<Duration> FORECAST_MIN_HISTORY =
            ConfigOptions.key("forecast.min-history")
                    .durationType()
                    .defaultValue(Duration.ofDays(1))
                    .withDescription(
                            "Event time a position must have been observed before it gets a velocity,"
                                    + " a days-of-cover figure or a PROJECTED_STOCKOUT alert.");

    private static ConfigOption<Long> lowThreshold(String nodeType, long defaultValue) {
        return ConfigOptions.key("ledger.low-threshold." + nodeType)
                .longType()
                .defaultValue(defaultValue)
                .withDescription(
                        "ATP below which a LOW alert is raised at a " + nodeType + " node.");
    }

    /** How long the ledger holds records whose node or SKU it does not know yet. */
    public static HoldPeriods holdPeriods(Configuration conf) {
        return new HoldPeriods(conf.get(UNKNOWN_NODE_GRACE), conf.get(UNKNOWN_SKU_GRACE));
    }

    /** The ledger rules' settings from a configuration. */
    public static LedgerSettings settings(Configuration conf) {
        Map<NodeType, Long> low = new EnumMap<>(NodeType.class);
        low.put(NodeType.STORE, conf.get(LOW_THRESHOLD_STORE));
        low.put(NodeType.DARK_STORE, conf.get(LOW_THRESHOLD_DARK_STORE));
        low.put(NodeType.DC, conf.get(LOW_THRESHOLD_DC));
        low.put(NodeType.THREE_PL, conf.get(LOW_THRESHOLD_THREE_PL));
        return new LedgerSettings(
                        conf.get(HORIZON),
                        conf.get(MAX_QUANTITY),
                        conf.get(MAX_FUTURE_SKEW),
                        low,
                        forecast(conf))
                .withDiscrepancySettleDelay(conf.get(DISCREPANCY_SETTLE_DELAY))
                .withJournal(conf.get(JOURNAL_ENABLED));
    }

    /** The demand forecast's settings from a configuration. */
    public static ForecastSettings forecast(Configuration conf) {
        return new ForecastSettings(
                conf.get(FORECAST_HALF_LIFE),
                conf.get(FORECAST_STOCKOUT_LEAD_TIME),
                conf.get(FORECAST_HORIZONS),
                conf.get(FORECAST_MIN_HISTORY));
    }

    private LedgerOptions() {}
}

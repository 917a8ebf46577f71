package io.omnistock.domain.inventory;

import io.omnistock.avro.NodeType;
import io.omnistock.domain.forecast.ForecastSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The tunable numbers of the ledger rules: the reconciliation horizon, sanity limits and the LOW
 * alert threshold per node type.
 */
public final class LedgerSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long horizonMillis;
    private final long maxQuantity;
    private final long maxFutureSkewMillis;
    private final long[] lowThresholds;
    private final ForecastSettings forecast;
    private final long discrepancySettleDelayMillis;
    private final boolean journal;

    public LedgerSettings(
            Duration horizon,
            long maxQuantity,
            Duration maxFutureSkew,
            Map<NodeType, Long> lowThresholds) {
        this(horizon, maxQuantity, maxFutureSkew, lowThresholds, ForecastSettings.defaults());
    }

    public LedgerSettings(
            Duration horizon,
            long maxQuantity,
            Duration maxFutureSkew,
            Map<NodeType, Long> lowThresholds,
            ForecastSettings forecast) {
        this(horizon, maxQuantity, maxFutureSkew, lowThresholds, forecast, Duration.ZERO, false);
    }

    private LedgerSettings(
            Duration horizon,
            long maxQuantity,
            Duration maxFutureSkew,
            Map<NodeType, Long> lowThresholds,
            ForecastSettings forecast,
            Duration discrepancySettleDelay,
            boolean journal) {
        if (discrepancySettleDelay.isNegative()) {
            throw new IllegalArgumentException(
                    "discrepancy settle delay must not be negative: " + discrepancySettleDelay);
        }
        this.discrepancySettleDelayMillis = discrepancySettleDelay.toMillis();
        this.journal = journal;
        this.forecast = forecast;
        this.horizonMillis = horizon.toMillis();
        this.maxQuantity = maxQuantity;
        this.maxFutureSkewMillis = maxFutureSkew.toMillis();
        this.lowThresholds = new long[NodeType.values().length];
        lowThresholds.forEach((type, threshold) -> this.lowThresholds[type.ordinal()] = threshold);
    }

    /**
     * 48 h horizon, at most 1,000,000 units per event, 1 h clock skew, LOW at 5 / 20 units, the
     * default forecast.
     */
    public static LedgerSettings defaults() {
        return new LedgerSettings(
                Duration.ofHours(48), 1_000_000, Duration.ofHours(1), defaultLowThresholds());
    }

    public static Map<NodeType, Long> defaultLowThresholds() {
        Map<NodeType, Long> thresholds = new EnumMap<>(NodeType.class);
        thresholds.put(NodeType.STORE, 5L);
        thresholds.put(NodeType.DARK_STORE, 5L);
        thresholds.put(NodeType.DC, 20L);
        thresholds.put(NodeType.THREE_PL, 20L);
        return thresholds;
    }

    /** Deltas, dedupe entries and late counts are judged within this much event time. */
    public long horizonMillis() {
        return horizonMillis;
    }

    public long maxQuantity() {
        return maxQuantity;
    }

    public long maxFutureSkewMillis() {
        return maxFutureSkewMillis;
    }

    public long lowThreshold(NodeType type) {
        return lowThresholds[type.ordinal()];
    }

    /** Velocity, cover and projection settings. */
    public ForecastSettings forecast() {
        return forecast;
    }

    /**
     * How far the watermark must pass a count's as-of time before its comparison with the ledger
     * settles (docs/design.md 3): late deltas stamped at or before the count that arrive until then
     * still count toward the expectation. 0 by default: the watermark already waits for the
     * out-of-orderness bound.
     */
    public long discrepancySettleDelayMillis() {
        return discrepancySettleDelayMillis;
    }

    /** These settings with another forecast. */
    public LedgerSettings withForecast(ForecastSettings newForecast) {
        return new LedgerSettings(
                Duration.ofMillis(horizonMillis),
                maxQuantity,
                Duration.ofMillis(maxFutureSkewMillis),
                lowThresholdMap(),
                newForecast,
                Duration.ofMillis(discrepancySettleDelayMillis),
                journal);
    }

    /** These settings with another discrepancy settle delay (not negative). */
    public LedgerSettings withDiscrepancySettleDelay(Duration delay) {
        return new LedgerSettings(
                Duration.ofMillis(horizonMillis),
                maxQuantity,
                Duration.ofMillis(maxFutureSkewMillis),
                lowThresholdMap(),
                forecast,
                delay,
                journal);
    }

    /**
     * Whether the ledger journals every event it judges ({@link JournalEntry}, the movement
     * journal): off by default; when off, applying an event makes no entry and costs nothing more.
     */
    public boolean journal() {
        return journal;
    }

    /** These settings with the movement journal on or off. */
    public LedgerSettings withJournal(boolean on) {
        return new LedgerSettings(
                Duration.ofMillis(horizonMillis),
                maxQuantity,
                Duration.ofMillis(maxFutureSkewMillis),
                lowThresholdMap(),
                forecast,
                Duration.ofMillis(discrepancySettleDelayMillis),
                on);
    }

    private Map<NodeType, Long> lowThresholdMap() {
        Map<NodeType, Long> low = new EnumMap<>(NodeType.class);
        for (NodeType type : NodeType.values()) {
            low.put(type, lowThresholds[type.ordinal()]);
        }
        return low;
    }
}

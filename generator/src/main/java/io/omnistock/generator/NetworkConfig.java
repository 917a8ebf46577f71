package io.omnistock.generator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Shape, volume and perturbation settings of one generated retail network. Immutable; start from
 * {@link #defaults()} or {@link #small()} and change settings with {@link #toBuilder()} or the
 * {@code with...} shortcuts. Everything the generator produces is a pure function of this config,
 * so the same config always yields the same bytes.
 *
 * @param seed seed of every random choice
 * @param stores number of stores ({@code STORE-001}...)
 * @param dcs number of distribution centres ({@code DC-01}...)
 * @param threePls number of third-party logistics warehouses ({@code 3PL-01}...)
 * @param darkStores number of dark stores ({@code DARK-01}...)
 * @param skus size of the SKU catalog ({@code SKU-00001}...)
 * @param start first instant of simulated event time
 * @param duration simulated event-time span; events are stamped in {@code [start, start +
 *     duration)}
 * @param wallClock the "now" that {@code FUTURE_EVENT_TIME} records are placed 30 days after
 * @param salesPerStoreHour POS sale lines per store per opening hour
 * @param returnRate returns as a share of sale lines
 * @param voidRate share of sales voided a few minutes later
 * @param dcPicksPerHour e-commerce picks per DC per hour (DCs work around the clock)
 * @param darkStorePicksPerHour picks per dark store per opening hour
 * @param cycleCountInterval mean time between two cycle counts of one position
 * @param shrinkRate share of cycle counts that reveal shrink (or found stock)
 * @param asnRevisionRate share of ASNs revised (new quantity and ETA) before they arrive
 * @param snapshotInterval time between two 3PL snapshots (the first is as of {@code start})
 * @param snapshotLagMin smallest delay of a 3PL snapshot batch behind its as-of time
 * @param snapshotLagMax largest delay of a 3PL snapshot batch behind its as-of time
 * @param snapshotBatchSize records per 3PL snapshot batch ({@code batchId})
 * @param duplicateRate share of valid records re-sent as exact duplicates
 * @param maxDuplicateDelay largest delay of a duplicate behind its original
 * @param outOfOrderRate share of movements delivered late
 * @param maxDisorder largest delay of an out-of-order movement
 * @param malformedRate malformed records injected per valid record
 * @param ordersPerStoreHour customer orders per store per hour, averaged over the day (the {@link
 *     OrderGenerator} shapes them by local time of day); 0 generates no orders. The default, 4,
 *     gives about one order per 20 inventory events on a mid-size chain
 * @param orderCancelRate share of orders cancelled a few minutes after they are placed
 * @param orderReturnRate share of shipped or picked-up orders some of whose lines come back
 *     (RETURN_RECEIVED, graded); 0 by default, so the reference ledger needs no triage
 */
public record NetworkConfig(
        long seed,
        int stores,
        int dcs,
        int threePls,
        int darkStores,
        int skus,
        Instant start,
        Duration duration,
        Instant wallClock,
        double salesPerStoreHour,
        double returnRate,
        double voidRate,
        double dcPicksPerHour,
        double darkStorePicksPerHour,
        Duration cycleCountInterval,
        double shrinkRate,
        double asnRevisionRate,
        Duration snapshotInterval,
        Duration snapshotLagMin,
        Duration snapshotLagMax,
        int snapshotBatchSize,
        double duplicateRate,
        Duration maxDuplicateDelay,
        double outOfOrderRate,
        Duration maxDisorder,
        double malformedRate,
        double ordersPerStoreHour,
        double orderCancelRate,
        double orderReturnRate) {

    /**
     * No record arrives later than this behind its own event time (the engine's horizon is 48 h, so
     * every late record is still inside it).
     */
    public static final Duration MAX_ARRIVAL_DELAY = Duration.ofHours(6);

    public NetworkConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(wallClock, "wallClock");
        requireAtLeast("stores", stores, 1);
        requireAtLeast("dcs", dcs, 1);
        requireAtLeast("threePls", threePls, 0);
        requireAtLeast("darkStores", darkStores, 0);
        requireAtLeast("skus", skus, 1);
        requireAtLeast("snapshotBatchSize", snapshotBatchSize, 1);
        requirePositive("duration", duration);
        requirePositive("cycleCountInterval", cycleCountInterval);
        requirePositive("snapshotInterval", snapshotInterval);
        requirePositive("maxDuplicateDelay", maxDuplicateDelay);
        requirePositive("maxDisorder", maxDisorder);
        requireRate("returnRate", returnRate);
        requireRate("voidRate", voidRate);
        requireRate("shrinkRate", shrinkRate);
        requireRate("asnRevisionRate", asnRevisionRate);
        requireRate("duplicateRate", duplicateRate);
        requireRate("outOfOrderRate", outOfOrderRate);
        requireRate("malformedRate", malformedRate);
        requireRate("orderCancelRate", orderCancelRate);
        requireRate("orderReturnRate", orderReturnRate);
        if (salesPerStoreHour < 0
                || dcPicksPerHour < 0
                || darkStorePicksPerHour < 0
                || !(ordersPerStoreHour >= 0)) {
            throw new IllegalArgumentException("event rates must be >= 0");
        }
        if (snapshotLagMin.isNegative() || snapshotLagMin.compareTo(snapshotLagMax) > 0) {
            throw new IllegalArgumentException("need 0 <= snapshotLagMin <= snapshotLagMax");
        }
        if (snapshotLagMax.plus(maxDuplicateDelay).compareTo(MAX_ARRIVAL_DELAY) > 0
                || maxDisorder.plus(maxDuplicateDelay).compareTo(MAX_ARRIVAL_DELAY) > 0) {
            throw new IllegalArgumentException(
                    "snapshotLagMax and maxDisorder, plus maxDuplicateDelay, must stay within "
                            + MAX_ARRIVAL_DELAY);
        }
    }

    /** A mid-size chain: 50 stores, 3 DCs, 2 3PLs, 5,000 SKUs, one day starting 3 days ago. */
    public static NetworkConfig defaults() {
        return builder().build();
    }

    /**
     * A tiny network for tests that still produces every event kind in one simulated day: 4 stores,
     * 1 DC, 1 3PL, 1 dark store, 40 SKUs, with higher perturbation rates.
     */
    public static NetworkConfig small() {
        return builder()
                .stores(4)
                .dcs(1)
                .threePls(1)
                .darkStores(1)
                .skus(40)
                .salesPerStoreHour(30)
                .voidRate(0.03)
                .returnRate(0.05)
                .dcPicksPerHour(20)
                .darkStorePicksPerHour(10)
                .cycleCountInterval(Duration.ofHours(36))
                .shrinkRate(0.2)
                .asnRevisionRate(0.5)
                .snapshotBatchSize(16)
                .duplicateRate(0.03)
                .outOfOrderRate(0.05)
                .malformedRate(0.01)
                .build();
    }

    /** A builder with the {@link #defaults()} settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public NetworkConfig withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    public NetworkConfig withStart(Instant newStart) {
        return toBuilder().start(newStart).build();
    }

    public NetworkConfig withDuration(Duration newDuration) {
        return toBuilder().duration(newDuration).build();
    }

    /** First instant after the simulated span, in epoch milliseconds. */
    public long endMillis() {
        return start.toEpochMilli() + duration.toMillis();
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ": " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }

    private static void requireRate(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + value);
        }
    }

    /** Mutable builder of {@link NetworkConfig}; unset start means midnight UTC 3 days ago. */
    public static final class Builder {
        private long seed = 42;
        private int stores = 50;
        private int dcs = 3;
        private int threePls = 2;
        private int darkStores;
        private int skus = 5_000;
        private Instant start;
        private Duration duration = Duration.ofDays(1);
        private Instant wallClock = Instant.now();
        private double salesPerStoreHour = 40;
        private double returnRate = 0.03;
        private double voidRate = 0.01;
        private double dcPicksPerHour = 120;
        private double darkStorePicksPerHour = 30;
        private Duration cycleCountInterval = Duration.ofDays(14);
        private double shrinkRate = 0.1;
        private double asnRevisionRate = 0.1;
        private Duration snapshotInterval = Duration.ofHours(6);
        private Duration snapshotLagMin = Duration.ofHours(1);
        private Duration snapshotLagMax = Duration.ofHours(4);
        private int snapshotBatchSize = 1_000;
        private double duplicateRate = 0.01;
        private Duration maxDuplicateDelay = Duration.ofMinutes(45);
        private double outOfOrderRate = 0.02;
        private Duration maxDisorder = Duration.ofMinutes(10);
        private double malformedRate = 0.001;
        private double ordersPerStoreHour = 4;
        private double orderCancelRate = 0.05;
        private double orderReturnRate = 0.0;

        private Builder() {}

        private Builder(NetworkConfig c) {
            seed = c.seed;
            stores = c.stores;
            dcs = c.dcs;
            threePls = c.threePls;
            darkStores = c.darkStores;
            skus = c.skus;
            start = c.start;
            duration = c.duration;
            wallClock = c.wallClock;
            salesPerStoreHour = c.salesPerStoreHour;
            returnRate = c.returnRate;
            voidRate = c.voidRate;
            dcPicksPerHour = c.dcPicksPerHour;
            darkStorePicksPerHour = c.darkStorePicksPerHour;
            cycleCountInterval = c.cycleCountInterval;
            shrinkRate = c.shrinkRate;
            asnRevisionRate = c.asnRevisionRate;
            snapshotInterval = c.snapshotInterval;
            snapshotLagMin = c.snapshotLagMin;
            snapshotLagMax = c.snapshotLagMax;
            snapshotBatchSize = c.snapshotBatchSize;
            duplicateRate = c.duplicateRate;
            maxDuplicateDelay = c.maxDuplicateDelay;
            outOfOrderRate = c.outOfOrderRate;
            maxDisorder = c.maxDisorder;
            malformedRate = c.malformedRate;
            ordersPerStoreHour = c.ordersPerStoreHour;
            orderCancelRate = c.orderCancelRate;
            orderReturnRate = c.orderReturnRate;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder stores(int value) {
            stores = value;
            return this;
        }

        public Builder dcs(int value) {
            dcs = value;
            return this;
        }

        public Builder threePls(int value) {
            threePls = value;
            return this;
        }

        public Builder darkStores(int value) {
            darkStores = value;
            return this;
        }

        public Builder skus(int value) {
            skus = value;
            return this;
        }

        public Builder start(Instant value) {
            start = value;
            return this;
        }

        public Builder duration(Duration value) {
            duration = value;
            return this;
        }

        public Builder wallClock(Instant value) {
            wallClock = value;
            return this;
        }

        public Builder salesPerStoreHour(double value) {
            salesPerStoreHour = value;
            return this;
        }

        public Builder returnRate(double value) {
            returnRate = value;
            return this;
        }

        public Builder voidRate(double value) {
            voidRate = value;
            return this;
        }

        public Builder dcPicksPerHour(double value) {
            dcPicksPerHour = value;
            return this;
        }

        public Builder darkStorePicksPerHour(double value) {
            darkStorePicksPerHour = value;
            return this;
        }

        public Builder cycleCountInterval(Duration value) {
            cycleCountInterval = value;
            return this;
        }

        public Builder shrinkRate(double value) {
            shrinkRate = value;
            return this;
        }

        public Builder asnRevisionRate(double value) {
            asnRevisionRate = value;
            return this;
        }

        public Builder snapshotInterval(Duration value) {
            snapshotInterval = value;
            return this;
        }

        public Builder snapshotLag(Duration min, Duration max) {
            snapshotLagMin = min;
            snapshotLagMax = max;
            return this;
        }

        public Builder snapshotBatchSize(int value) {
            snapshotBatchSize = value;
            return this;
        }

        public Builder duplicateRate(double value) {
            duplicateRate = value;
            return this;
        }

        public Builder maxDuplicateDelay(Duration value) {
            maxDuplicateDelay = value;
            return this;
        }

        public Builder outOfOrderRate(double value) {
            outOfOrderRate = value;
            return this;
        }

        public Builder maxDisorder(Duration value) {
            maxDisorder = value;
            return this;
        }

        public Builder malformedRate(double value) {
            malformedRate = value;
            return this;
        }

        public Builder ordersPerStoreHour(double value) {
            ordersPerStoreHour = value;
            return this;
        }

        public Builder orderCancelRate(double value) {
            orderCancelRate = value;
            return this;
        }

        public Builder orderReturnRate(double value) {
            orderReturnRate = value;
            return this;
        }

        public NetworkConfig build() {
            Instant effectiveStart =
                    start != null
                            ? start
                            : LocalDate.ofInstant(wallClock, ZoneOffset.UTC)
                                    .minusDays(3)
                                    .atStartOfDay(ZoneOffset.UTC)
                                    .toInstant();
            return new NetworkConfig(
                    seed,
                    stores,
                    dcs,
                    threePls,
                    darkStores,
                    skus,
                    effectiveStart,
                    duration,
                    wallClock,
                    salesPerStoreHour,
                    returnRate,
                    voidRate,
                    dcPicksPerHour,
                    darkStorePicksPerHour,
                    cycleCountInterval,
                    shrinkRate,
                    asnRevisionRate,
                    snapshotInterval,
                    snapshotLagMin,
                    snapshotLagMax,
                    snapshotBatchSize,
                    duplicateRate,
                    maxDuplicateDelay,
                    outOfOrderRate,
                    maxDisorder,
                    malformedRate,
                    ordersPerStoreHour,
                    orderCancelRate,
                    orderReturnRate);
        }
    }
}

package io.omnistock.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.AlertType;
import io.omnistock.domain.forecast.DemandForecast;
import io.omnistock.domain.forecast.ForecastSettings;
import io.omnistock.domain.inventory.InMemorySkuState;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.inventory.Position;
import io.omnistock.engine.functions.GeneratedReplay.Raised;
import io.omnistock.generator.DemandRates;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratedRun;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailEventGenerator;
import io.omnistock.ledger.domain.NodeInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Measured accuracy of the forecast (README "Measured accuracy"): a generated network whose true
 * demand rates are known ({@link DemandRates}) is replayed through the ledger's rules with the
 * default forecast options. Reports the velocity estimate's MAPE against the true rates and the
 * PROJECTED_STOCKOUT alerts' precision, recall and lead time against the OUT_OF_STOCK alerts that
 * followed. Run: {@code mvn -o -pl jobs/ledger -am test -Dtest=ForecastAccuracyTest
 * -Dsurefire.failIfNoSpecifiedTests=false} (figures on stdout, about 20 s).
 */
class ForecastAccuracyTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static final Duration SPAN = Duration.ofDays(14);

    /** Velocity is scored from this long after the start (one half-life), every 6 hours. */
    private static final long FIRST_SAMPLE = 3 * DAY;

    private static final long SAMPLE_EVERY = 6 * HOUR;

    /** Positions with at least this true demand per day are scored. */
    private static final double MIN_RATE = 1.0;

    static NetworkConfig config(long seed) {
        return NetworkConfig.builder()
                .seed(seed)
                .stores(10)
                .dcs(2)
                .threePls(1)
                .darkStores(2)
                .skus(200)
                .start(START)
                .duration(SPAN)
                .build();
    }

    @Test
    void velocityAndStockoutAlertsOnAGeneratedNetworkWithKnownDemand() {
        Measurement m = measure(config(42), ForecastSettings.defaults());
        System.out.println(m.report());

        // loose sanity bounds on a steady stream (the figures themselves are in the README)
        assertThat(m.mape("ALL")).isLessThan(0.30);
        assertThat(m.mape(">=20/d")).isLessThan(m.mape("1-5/d")); // more demand, less noise
        assertThat(m.alerts).isPositive();
        assertThat(m.recall()).isGreaterThan(0.5);
    }

    @Test
    void shorterLeadTimesTradeRecallForPrecision() {
        for (Duration lead : List.of(Duration.ofHours(12), Duration.ofDays(1))) {
            ForecastSettings settings =
                    new ForecastSettings(
                            Duration.ofDays(3),
                            lead,
                            List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7)),
                            Duration.ofDays(1));
            Measurement m = measure(config(42), settings);
            System.out.println(m.report());
            assertThat(m.alerts).isPositive();
        }
    }

    /**
     * The last generated stream and its network: the tests measure one network with several
     * settings, and generating it is much of the time (a replay only reads it).
     */
    private static NetworkConfig generatedFor;

    private static GeneratedRun generated;

    private static synchronized GeneratedRun generate(NetworkConfig config) {
        if (!config.equals(generatedFor)) {
            generated = RetailEventGenerator.generate(config);
            generatedFor = config;
        }
        return generated;
    }

    static Measurement measure(NetworkConfig config, ForecastSettings forecastSettings) {
        Map<String, Double> rates = DemandRates.of(config);
        GeneratedRun run = generate(config);
        GeneratedReplay replay =
                new GeneratedReplay(LedgerSettings.defaults().withForecast(forecastSettings));
        DemandForecast forecast = new DemandForecast(forecastSettings);
        Measurement m = new Measurement(forecastSettings, config);
        long start = config.start().toEpochMilli();
        long nextSample = start + FIRST_SAMPLE;
        List<GeneratedRecord> all = new ArrayList<>(run.nodeRecords());
        all.addAll(run.records());
        for (GeneratedRecord record : all) {
            while (record.kind() == GeneratedRecord.Kind.VALID
                    && record.eventTime() > nextSample
                    && nextSample < config.endMillis()) {
                m.sample(replay, forecast, rates, nextSample);
                nextSample += SAMPLE_EVERY;
            }
            replay.apply(record);
        }
        m.scoreAlerts(replay.alerts, rates.keySet(), start);
        return m;
    }

    /** The figures of one replay. */
    static final class Measurement {
        final ForecastSettings settings;
        final NetworkConfig config;

        /** Group -> {sum of |v - r| / r, n, sum of (v - r) / r}. */
        final Map<String, double[]> errors = new TreeMap<>();

        int alerts;
        int hits;
        int stockouts;
        int predictedStockouts;
        final List<Long> leadTimes = new ArrayList<>();
        final List<Long> expectedTimeErrors = new ArrayList<>();

        Measurement(ForecastSettings settings, NetworkConfig config) {
            this.settings = settings;
            this.config = config;
        }

        void sample(
                GeneratedReplay replay,
                DemandForecast forecast,
                Map<String, Double> rates,
                long at) {
            rates.forEach(
                    (key, rate) -> {
                        if (rate < MIN_RATE) {
                            return;
                        }
                        int bar = key.indexOf('|');
                        InMemorySkuState state = replay.skus.get(key.substring(0, bar));
                        String nodeId = key.substring(bar + 1);
                        Position p = state == null ? null : state.positions.get(nodeId);
                        double velocity = p == null ? 0 : forecast.velocityPerDay(p, at);
                        double error = (velocity - rate) / rate;
                        NodeInfo node = replay.nodes.get(nodeId);
                        add("ALL", error);
                        add(node.type.name(), error);
                        add(rate < 5 ? "1-5/d" : rate < 20 ? "5-20/d" : ">=20/d", error);
                    });
        }

        private void add(String type, double error) {
            double[] e = errors.computeIfAbsent(type, t -> new double[3]);
            e[0] += Math.abs(error);
            e[1]++;
            e[2] += error;
        }

        double mape(String type) {
            double[] e = errors.get(type);
            return e[0] / e[1];
        }

        void scoreAlerts(List<Raised> raised, java.util.Set<String> withDemand, long start) {
            long lead = settings.leadTimeMillis();
            Map<String, List<Raised>> byKey = new TreeMap<>();
            for (Raised r : raised) {
                byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
            }
            byKey.forEach(
                    (key, list) -> {
                        List<Raised> projected =
                                list.stream()
                                        .filter(r -> r.type() == AlertType.PROJECTED_STOCKOUT)
                                        .toList();
                        List<Raised> outOfStock =
                                list.stream()
                                        .filter(r -> r.type() == AlertType.OUT_OF_STOCK)
                                        .toList();
                        for (Raised p : projected) {
                            alerts++;
                            Raised first =
                                    outOfStock.stream()
                                            .filter(
                                                    o ->
                                                            o.eventTime() >= p.eventTime()
                                                                    && o.eventTime()
                                                                            <= p.eventTime() + lead)
                                            .findFirst()
                                            .orElse(null);
                            if (first != null) {
                                hits++;
                                leadTimes.add(first.eventTime() - p.eventTime());
                                expectedTimeErrors.add(
                                        Math.abs(p.expectedTime() - first.eventTime()));
                            }
                        }
                        if (!withDemand.contains(key)) {
                            return;
                        }
                        for (Raised o : outOfStock) {
                            if (o.eventTime() < start + settings.minHistoryMillis() + lead) {
                                continue; // no forecast could have warned of it yet
                            }
                            stockouts++;
                            boolean warned =
                                    projected.stream()
                                            .anyMatch(
                                                    p ->
                                                            p.eventTime() <= o.eventTime()
                                                                    && p.eventTime()
                                                                            >= o.eventTime()
                                                                                    - lead);
                            if (warned) {
                                predictedStockouts++;
                            }
                        }
                    });
        }

        double precision() {
            return alerts == 0 ? 0 : (double) hits / alerts;
        }

        double recall() {
            return stockouts == 0 ? 0 : (double) predictedStockouts / stockouts;
        }

        static double medianHours(List<Long> millis) {
            if (millis.isEmpty()) {
                return Double.NaN;
            }
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return sorted.get(sorted.size() / 2) / (double) HOUR;
        }

        String report() {
            StringBuilder s = new StringBuilder();
            s.append(
                    String.format(
                            Locale.ROOT,
                            "forecast accuracy: seed %d, %d stores, %d dark stores, %d DCs, %d SKUs,"
                                    + " %d days; half-life %.1f d, lead time %.1f d, min history"
                                    + " %.1f d%n",
                            config.seed(),
                            config.stores(),
                            config.darkStores(),
                            config.dcs(),
                            config.skus(),
                            config.duration().toDays(),
                            settings.halfLifeMillis() / (double) DAY,
                            settings.leadTimeMillis() / (double) DAY,
                            settings.minHistoryMillis() / (double) DAY));
            errors.forEach(
                    (type, e) ->
                            s.append(
                                    String.format(
                                            Locale.ROOT,
                                            "velocity %-10s MAPE %5.1f %%, bias %+5.1f %% over %d"
                                                    + " samples%n",
                                            type,
                                            100 * e[0] / e[1],
                                            100 * e[2] / e[1],
                                            (long) e[1])));
            s.append(
                    String.format(
                            Locale.ROOT,
                            "PROJECTED_STOCKOUT alerts %d, followed by OUT_OF_STOCK within the lead"
                                    + " time %d: precision %.1f %%%n",
                            alerts,
                            hits,
                            100 * precision()));
            s.append(
                    String.format(
                            Locale.ROOT,
                            "OUT_OF_STOCK (scorable) %d, warned within the lead time before: %d:"
                                    + " recall %.1f %%%n",
                            stockouts,
                            predictedStockouts,
                            100 * recall()));
            s.append(
                    String.format(
                            Locale.ROOT,
                            "median lead time alert -> stockout %.1f h; median |expected - actual|"
                                    + " stockout time %.1f h%n",
                            medianHours(leadTimes),
                            medianHours(expectedTimeErrors)));
            return s.toString();
        }
    }
}

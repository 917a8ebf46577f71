package io.omnistock.domain.analytics;

import static io.omnistock.domain.analytics.MetricFacts.routed;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.contracts.DeadLetters;
import io.omnistock.ledger.domain.metrics.WindowFigures;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Partial sums by series and minute: each fact under its series and every roll-up, exactly once.
 */
class MinuteSumsTest {
    private static final long T = 1_800_000_000_000L - 1_800_000_000_000L % 3_600_000;
    private static final long MINUTE = 60_000;

    private final MinuteSums sums = new MinuteSums();

    @Test
    void aFactCountsUnderItsOwnSeriesAndEachRollUpInItsMinute() {
        sums.add(routed(T + 59_999, "WEB", 2, 0.5));
        sums.add(routed(T + 1_000, "APP", 1, 0.25));
        sums.add(routed(T + MINUTE, "WEB", 4, 1.0)); // the next minute
        sums.add(MetricFact.count(T + 5, "UK", true));
        sums.add(
                MetricFact.of(
                        DeadLetters.of(
                                "inventory.pos",
                                0,
                                1,
                                T + 7,
                                null,
                                DeadLetterReason.UNDECODABLE,
                                null,
                                null)));

        Map<String, WindowFigures> drained = drain();

        assertThat(drained)
                .containsOnlyKeys(
                        "UK|WEB@0",
                        "UK|APP@0",
                        "UK|ALL@0",
                        "ALL|WEB@0",
                        "ALL|APP@0",
                        "ALL|ALL@0",
                        "UK|WEB@1",
                        "UK|ALL@1",
                        "ALL|WEB@1",
                        "ALL|ALL@1");
        WindowFigures all = drained.get("ALL|ALL@0");
        assertThat(all.routed).as("WEB and APP").isEqualTo(2);
        assertThat(all.unitsAllocated).isEqualTo(3);
        assertThat(all.countsCompared).isEqualTo(1);
        assertThat(all.deadLetterTotal()).isEqualTo(1);
        assertThat(drained.get("UK|ALL@0").deadLetterTotal())
                .as("a dead letter has no region")
                .isZero();
        assertThat(drained.get("UK|ALL@0").countsCompared).isEqualTo(1);
        assertThat(drained.get("UK|WEB@0").countsCompared).as("a count has no channel").isZero();
        assertThat(drained.get("UK|WEB@0").unitsAllocated).isEqualTo(2);
        assertThat(drained.get("ALL|ALL@1").unitsAllocated).isEqualTo(4);
        assertThat(drained.values()).allSatisfy(f -> assertThat(f.seriesKey()).isNotBlank());
    }

    @Test
    void drainingForgetsWhatWasHandedOver() {
        sums.add(routed(T, "WEB", 1, 0.5));
        assertThat(sums.size()).isEqualTo(4);

        drain();

        assertThat(sums.size()).isZero();
        assertThat(drain()).isEmpty();
    }

    /** Partial sums by {@code region|channel@minute of the hour}. */
    private Map<String, WindowFigures> drain() {
        Map<String, WindowFigures> drained = new TreeMap<>();
        sums.drainTo((f, minute) -> drained.put(f.seriesKey() + "@" + (minute - T) / MINUTE, f));
        return drained;
    }
}

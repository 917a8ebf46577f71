package io.omnistock.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateWindowTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void theRateIsOverTheRecentWindowOnly() {
        RateWindow rate = new RateWindow(Duration.ofSeconds(10));
        rate.add(0, 0);
        rate.add(10 * SECOND, 100_000); // 10,000/s at first
        rate.add(20 * SECOND, 140_000); // then 4,000/s

        assertThat(rate.perSecond()).isCloseTo(4_000, within(1e-9));
    }

    @Test
    void oneSampleGivesNoRate() {
        RateWindow rate = new RateWindow(Duration.ofSeconds(10));

        assertThat(rate.add(5 * SECOND, 1_000)).isZero();
    }

    @Test
    void aCounterResetStartsTheWindowAgain() {
        RateWindow rate = new RateWindow(Duration.ofSeconds(10));
        rate.add(0, 50_000);
        rate.add(2 * SECOND, 60_000);
        rate.add(4 * SECOND, 1_000); // a restarted job counts from zero

        assertThat(rate.add(6 * SECOND, 7_000)).isCloseTo(3_000, within(1e-9));
    }
}

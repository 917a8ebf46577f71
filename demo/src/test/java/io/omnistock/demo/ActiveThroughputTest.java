package io.omnistock.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ActiveThroughputTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long START = 7 * SECOND; // an arbitrary System.nanoTime() origin

    @Test
    void idleTimeAfterTheJobCaughtUpWithAFinishedGeneratorIsNotCounted() {
        ActiveTime active = new ActiveTime(START);
        active.sample(START + 2 * SECOND, true); // sending
        active.sample(START + 4 * SECOND, true); // generator done, backlog left
        active.sample(START + 6 * SECOND, false); // caught up
        active.sample(START + 8 * SECOND, false);
        active.sample(START + 600 * SECOND, false);

        assertThat(active.active()).isEqualTo(Duration.ofSeconds(6));
        assertThat(active.perSecond(30_000)).isCloseTo(5_000, within(1e-9));
    }

    @Test
    void aSecondBusySpellAddsToTheFirst() {
        ActiveTime active = new ActiveTime(START);
        active.sample(START + 2 * SECOND, false);
        active.sample(START + 10 * SECOND, false);
        active.sample(START + 13 * SECOND, true);

        // 0-2 s (active at its start) and 10-13 s (active at its end)
        assertThat(active.active()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void nothingActiveYetGivesNoRate() {
        ActiveTime active = new ActiveTime(START);

        assertThat(active.active()).isZero();
        assertThat(active.perSecond(1_000)).isZero();
    }

    @Test
    void offeredIsPerSecondSendingAndProcessedPerSecondActive() {
        ActiveThroughput t =
                new ActiveThroughput(
                        Duration.ofSeconds(300),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(80),
                        240_000,
                        260_000);

        assertThat(t.offeredPerSecond()).isCloseTo(4_000, within(1e-9));
        assertThat(t.processedPerSecond()).isCloseTo(3_250, within(1e-9));
        assertThat(t.draining()).isEqualTo(Duration.ofSeconds(20));
        assertThat(t.idle()).isEqualTo(Duration.ofSeconds(220));
    }

    @Test
    void noTimeGivesNoRate() {
        ActiveThroughput t =
                new ActiveThroughput(Duration.ZERO, Duration.ZERO, Duration.ZERO, 5, 5);

        assertThat(t.offeredPerSecond()).isZero();
        assertThat(t.processedPerSecond()).isZero();
        assertThat(t.draining()).isZero();
        assertThat(t.idle()).isZero();
    }
}

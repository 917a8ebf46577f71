package io.omnistock.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CatchUpEstimateTest {

    @Test
    void aJobGainingOnItsBacklogCatchesUpInBacklogOverTheGain() {
        // 120,000 behind, taking in 5,000/s while 4,000/s are offered: gains 1,000/s
        CatchUpEstimate e = new CatchUpEstimate(120_000, 4_000, 5_000);

        assertThat(e.caughtUp()).isFalse();
        assertThat(e.gainPerSecond()).isEqualTo(1_000);
        assertThat(e.timeToCatchUp()).contains(Duration.ofSeconds(120));
        assertThat(e.describe()).isEqualTo("catching up in ~2m 00s (gaining 1,000/s)");
    }

    @Test
    void aJobSlowerThanItsInputFallsBehindByTheDifferenceAndNeverCatchesUp() {
        CatchUpEstimate e = new CatchUpEstimate(400_000, 10_000, 7_344);

        assertThat(e.caughtUp()).isFalse();
        assertThat(e.timeToCatchUp()).isEmpty();
        assertThat(e.describe()).isEqualTo("falling behind by 2,656/s");
    }

    @Test
    void aJobExactlyAsFastAsItsInputDoesNotCatchUp() {
        assertThat(new CatchUpEstimate(100_000, 4_000, 4_000).timeToCatchUp()).isEmpty();
    }

    @Test
    void aBacklogOfAtMostTenSecondsOfInputIsCaughtUp() {
        // the committed offsets move once per checkpoint, so a job keeping up shows some lag
        assertThat(new CatchUpEstimate(40_000, 4_000, 3_900).caughtUp()).isTrue();
        assertThat(new CatchUpEstimate(40_001, 4_000, 3_900).caughtUp()).isFalse();
        assertThat(new CatchUpEstimate(40_000, 4_000, 3_900).describe()).isEqualTo("caught up");
        assertThat(new CatchUpEstimate(40_000, 4_000, 3_900).timeToCatchUp())
                .contains(Duration.ZERO);
    }

    @Test
    void withNothingOfferedOnlyASmallBacklogIsCaughtUp() {
        assertThat(new CatchUpEstimate(1_000, 0, 0).caughtUp()).isTrue();
        assertThat(new CatchUpEstimate(1_001, 0, 2_000).caughtUp()).isFalse();
        assertThat(new CatchUpEstimate(1_001, 0, 2_000).timeToCatchUp())
                .contains(Duration.ofMillis(500));
    }

    @Test
    void theBacklogIsExpressedInSecondsOfOfferedInput() {
        assertThat(new CatchUpEstimate(412_000, 4_000, 3_650).secondsOfInput()).contains(103.0);
        assertThat(new CatchUpEstimate(412_000, 0, 3_650).secondsOfInput()).isEmpty();
    }

    @Test
    void durationsReadAsSecondsMinutesOrHours() {
        assertThat(CatchUpEstimate.minutesSeconds(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(CatchUpEstimate.minutesSeconds(Duration.ofSeconds(125))).isEqualTo("2m 05s");
        assertThat(CatchUpEstimate.minutesSeconds(Duration.ofSeconds(3_720))).isEqualTo("1h 02m");
    }
}

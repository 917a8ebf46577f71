package io.omnistock.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CatchUpEstimateTest {

    @Test
    void aJobGainingOnItsBacklogCatchesUpInBacklogOverTheGain() {
        // 120,000 behind, taking in 5,000/s while 4,000/s are offered: gains 1,000/s
        CatchUpEstimate e = input(120_000, 4_000, 5_000);

        assertThat(e.caughtUp()).isFalse();
        assertThat(e.gainPerSecond()).isEqualTo(1_000);
        assertThat(e.timeToCatchUp()).contains(Duration.ofSeconds(120));
        assertThat(e.describe()).isEqualTo("catching up in ~2m 00s (gaining 1,000/s)");
    }

    @Test
    void aJobSlowerThanItsInputFallsBehindByTheDifferenceAndNeverCatchesUp() {
        CatchUpEstimate e = input(400_000, 10_000, 7_344);

        assertThat(e.caughtUp()).isFalse();
        assertThat(e.timeToCatchUp()).isEmpty();
        assertThat(e.describe()).isEqualTo("falling behind by 2,656/s");
    }

    @Test
    void aJobExactlyAsFastAsItsInputDoesNotCatchUp() {
        assertThat(input(100_000, 4_000, 4_000).timeToCatchUp()).isEmpty();
    }

    @Test
    void anInputBacklogOfAtMostTenSecondsOfInputIsCaughtUp() {
        // the committed offsets move once per checkpoint, so a job keeping up shows some lag
        assertThat(input(40_000, 4_000, 3_900).caughtUp()).isTrue();
        assertThat(input(40_000, 4_000, 3_900).describe()).isEqualTo("caught up");
        assertThat(input(40_000, 4_000, 3_900).timeToCatchUp()).contains(Duration.ZERO);
        assertThat(input(40_001, 4_000, 3_900).caughtUp()).isFalse();
    }

    @Test
    void aBacklogBeforeAnyRateIsMeasuredIsNotCalledFallingBehind() {
        assertThat(input(7_366, 0, 0).describe()).isEqualTo("measuring rates");
        assertThat(input(7_366, 0, 2_000).describe()).startsWith("catching up in");
    }

    @Test
    void withNothingOfferedOnlyTheFloorIsCaughtUp() {
        assertThat(input(1_000, 0, 0).caughtUp()).isTrue();
        assertThat(input(1_001, 0, 2_000).caughtUp()).isFalse();
        assertThat(input(1_001, 0, 2_000).timeToCatchUp()).contains(Duration.ofMillis(500));
    }

    @Test
    void aBacklogWithinTheAllowanceButGrowingFastSaysSo() {
        assertThat(input(30_000, 4_000, 2_500).caughtUp()).isTrue();
        assertThat(input(30_000, 4_000, 2_500).describe())
                .isEqualTo("caught up, but falling behind by 1,500/s");
        assertThat(input(30_000, 4_000, 3_700).describe()).isEqualTo("caught up");
    }

    @Test
    void theBacklogIsExpressedInSecondsOfWhatIsOffered() {
        assertThat(input(412_000, 4_000, 3_650).secondsOfOffered()).contains(103.0);
        assertThat(input(412_000, 0, 3_650).secondsOfOffered()).isEmpty();
    }

    @Test
    void durationsReadAsSecondsMinutesOrHours() {
        assertThat(CatchUpEstimate.minutesSeconds(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(CatchUpEstimate.minutesSeconds(Duration.ofSeconds(125))).isEqualTo("2m 05s");
        assertThat(CatchUpEstimate.minutesSeconds(Duration.ofSeconds(3_720))).isEqualTo("1h 02m");
    }

    private static CatchUpEstimate input(long backlog, double offered, double processed) {
        return new CatchUpEstimate(backlog, offered, processed);
    }
}

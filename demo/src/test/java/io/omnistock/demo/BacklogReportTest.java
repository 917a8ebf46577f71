package io.omnistock.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BacklogReportTest {
    private static final ActiveThroughput SIXTY_SECONDS_BEHIND =
            new ActiveThroughput(
                    Duration.ofSeconds(61),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(61),
                    600_000,
                    445_300);

    @Test
    void aRunEndingBehindSaysSoAndSuggestsALowerRate() {
        String summary =
                BacklogReport.summary(
                        new CatchUpEstimate(160_000, 10_000, 7_300),
                        new Undecided(20_000, 6_000),
                        new Undecided(19_000, 4_000),
                        SIXTY_SECONDS_BEHIND);

        assertThat(summary)
                .contains("undecided at the end: orders 6,000 of 20,000 (30.0%), quotes 4,000 of")
                .contains("backlog at the end: 160,000 input records not yet processed")
                .contains("NOT caught up")
                .contains("WARNING: the job fell behind")
                .contains("--rate 5000");
    }

    @Test
    void aRunEndingCaughtUpHasNoWarning() {
        String summary =
                BacklogReport.summary(
                        new CatchUpEstimate(12_000, 4_000, 4_100),
                        new Undecided(8_000, 150),
                        new Undecided(7_900, 90),
                        SIXTY_SECONDS_BEHIND);

        assertThat(summary)
                .contains("caught up")
                .doesNotContain("WARNING")
                .doesNotContain("--rate");
    }

    @Test
    void theSuggestedRateIsSeventyPercentOfTheSustainedRateRoundedDownToFiveHundred() {
        assertThat(BacklogReport.suggestedRate(7_300)).isEqualTo(5_000); // 5,110
        assertThat(BacklogReport.suggestedRate(3_650)).isEqualTo(2_500); // 2,555
        assertThat(BacklogReport.suggestedRate(100)).isEqualTo(500);
    }
}

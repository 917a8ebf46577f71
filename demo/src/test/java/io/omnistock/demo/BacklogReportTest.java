package io.omnistock.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BacklogReportTest {
    /** 61 s sending 10,000 events/s offered; the ledger took in 7,300 records/s. */
    private static final ActiveThroughput RUN =
            new ActiveThroughput(
                    Duration.ofSeconds(61),
                    Duration.ofSeconds(61),
                    Duration.ofSeconds(61),
                    610_000,
                    445_300);

    private static final CatchUpEstimate INPUT_BEHIND = new CatchUpEstimate(160_000, 10_000, 7_300);
    private static final CatchUpEstimate INPUT_CAUGHT_UP =
            new CatchUpEstimate(12_000, 10_000, 9_900);

    @Test
    void aRunEndingWithAnInputBacklogSaysSoAndSuggestsALowerRate() {
        String summary =
                BacklogReport.summary(
                        INPUT_BEHIND, orders(20_000, 150, 0), new Undecided(19_000, 4_000), RUN);

        assertThat(summary)
                .contains("undecided at the end: orders 150 of 20,000 (0.8%), none waiting over")
                .contains("quotes 4,000 of 19,000 (21.1%)")
                .contains("backlog at the end: 160,000 input records not yet processed")
                .contains("NOT caught up")
                .contains("WARNING: the job fell behind. It ended 160,000 input records behind")
                .contains("kept up with about 7,300 events/s")
                .contains("--rate 5000");
    }

    @Test
    void aRunEndingWithOrdersWaitingTooLongSaysSoToo() {
        String summary =
                BacklogReport.summary(
                        INPUT_CAUGHT_UP,
                        orders(20_000, 8_000, 6_000),
                        new Undecided(19_000, 4_000),
                        RUN);

        assertThat(summary)
                .contains("caught up (at most a checkpoint's worth)")
                .contains("It ended 6,000 orders waiting over 20 s for their decision")
                .contains("with 40.0% of orders and 21.1% of quotes undecided")
                // 10,000 events/s offered, 30% of orders overdue
                .contains("kept up with about 7,000 events/s")
                .contains("--rate 4500");
    }

    @Test
    void aRunEndingCaughtUpHasNoWarning() {
        String summary =
                BacklogReport.summary(
                        INPUT_CAUGHT_UP, orders(8_000, 150, 0), new Undecided(7_900, 90), RUN);

        assertThat(summary)
                .contains("caught up")
                .doesNotContain("WARNING")
                .doesNotContain("--rate");
    }

    @Test
    void oneOrderOverdueIsSaidInTheSingular() {
        String summary =
                BacklogReport.summary(
                        INPUT_CAUGHT_UP, orders(2_590, 2_246, 1), new Undecided(2_590, 1_369), RUN);

        assertThat(summary).contains("It ended 1 order waiting over 20 s for its decision");
    }

    @Test
    void theRateKeptUpWithIsTheIntakeWhenTheInputFellBehindScaledByTheOrdersNotOverdue() {
        assertThat(BacklogReport.keptUpWith(RUN, true, 1_000, 0)).isCloseTo(7_300, within(1e-9));
        assertThat(BacklogReport.keptUpWith(RUN, false, 1_000, 0)).isCloseTo(10_000, within(1e-9));
        assertThat(BacklogReport.keptUpWith(RUN, false, 1_000, 250)).isCloseTo(7_500, within(1e-9));
        assertThat(BacklogReport.keptUpWith(RUN, true, 1_000, 250)).isCloseTo(5_475, within(1e-9));
        assertThat(BacklogReport.keptUpWith(RUN, false, 0, 0)).isCloseTo(10_000, within(1e-9));
    }

    @Test
    void theSuggestedRateIsSeventyPercentRoundedDownToFiveHundred() {
        assertThat(BacklogReport.suggestedRate(7_300)).isEqualTo(5_000); // 5,110
        assertThat(BacklogReport.suggestedRate(3_650)).isEqualTo(2_500); // 2,555
        assertThat(BacklogReport.suggestedRate(100)).isEqualTo(500);
    }

    @Test
    void theProgressLineShowsTheBacklogTheOrdersAndTheQuotes() {
        String line =
                BacklogReport.progressLine(
                        INPUT_BEHIND, orders(20_000, 8_000, 3_000), new Undecided(19_000, 4_000));

        assertThat(line)
                .contains("backlog   160,000 input records (~16 s of input)")
                .contains("offered 10,000/s, taken in  7,300/s: falling behind by 2,700/s")
                .contains("orders undecided 8,000 of 20,000 (40.0%), 3,000 waiting over 20 s")
                .contains("quotes undecided 4,000 of 19,000 (21.1%)");
    }

    @Test
    void beforeTheJobCommitsOffsetsTheBacklogIsNotAvailable() {
        String line = BacklogReport.progressLine(null, orders(0, 0, 0), new Undecided(0, 0));

        assertThat(line).contains("backlog n/a");
    }

    private static PendingOrders.Snapshot orders(long sent, long undecided, long overdue) {
        return new PendingOrders.Snapshot(
                new Undecided(sent, undecided), overdue, Duration.ofSeconds(overdue > 0 ? 40 : 5));
    }
}

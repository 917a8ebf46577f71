package io.omnistock.demo;

import static io.omnistock.demo.report.MetricsFixtures.TEN;
import static io.omnistock.demo.report.MetricsFixtures.operations;
import static io.omnistock.demo.report.MetricsSeries.ALL;
import static io.omnistock.demo.report.MetricsSeries.HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.demo.report.MetricsSeries;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo's three dead-letter figures in one line, each with what it counts, and the differences
 * between them explained by the line itself.
 */
class DeadLetterAccountTest {

    @Test
    void explainsWhyTheCounterTheTopicAndTheWindowsDiffer() {
        MetricsSeries metrics = MetricsSeries.of(HOUR);
        metrics.add(operations(HOUR, ALL, ALL, TEN, 0, 0, 0, 0, 0, Map.of("UNDECODABLE", 448L)));

        DeadLetterAccount account = DeadLetterAccount.of(646, 592, 3, metrics);

        assertThat(account.inPublishedHours()).isEqualTo(448);
        assertThat(account.line())
                .contains("the ledger rejected 646 (its counter; 57 of them not committed")
                .contains(
                        "the deadletter topic holds 592 (589 from the ledger, 3 from the analytics job)")
                .contains(
                        "published so far count 448 (by the failed record's time; 144 are in windows not published yet)");
    }
}

package io.omnistock.demo;

import io.omnistock.demo.report.MetricsSeries;
import io.omnistock.demo.report.MetricsSeries.Selection;
import io.omnistock.demo.report.MetricsTotals;
import java.util.Locale;

/**
 * One account of the dead letters the demo shows, each figure with what it counts: the engine job's
 * rejections (its counter, at processing), the records on the {@code deadletter} topic (committed,
 * from both jobs: the engine's and the analytics job's own), and those the hourly metric windows
 * published so far count (by the failed record's time). They differ for known reasons, given on the
 * line: records still in an open transaction, the analytics job's rejections, windows not yet
 * published.
 *
 * @param ledgerRejected the engine job's {@code records-dead-lettered}
 * @param onTopic committed records on {@code deadletter}
 * @param fromAnalytics those of them the analytics job wrote
 * @param inPublishedHours dead letters in the hourly windows published so far (ALL|ALL)
 */
record DeadLetterAccount(
        long ledgerRejected, long onTopic, long fromAnalytics, long inPublishedHours) {

    static DeadLetterAccount of(
            long ledgerRejected, long onTopic, long fromAnalytics, MetricsSeries metrics) {
        MetricsTotals hours = MetricsTotals.of(metrics.select(Selection.DEFAULT));
        return new DeadLetterAccount(ledgerRejected, onTopic, fromAnalytics, hours.deadLetters());
    }

    /** The summary's line. */
    String line() {
        long fromLedger = onTopic - fromAnalytics;
        return String.format(
                Locale.ROOT,
                "  dead letters: the ledger rejected %,d (its counter; %,d of them not committed"
                        + " to the topic yet); the deadletter topic holds %,d (%,d from the ledger,"
                        + " %,d from the analytics job); the hourly metric windows published so"
                        + " far count %,d (by the failed record's time; %,d are in windows not"
                        + " published yet)%n",
                ledgerRejected,
                Math.max(0, ledgerRejected - fromLedger),
                onTopic,
                fromLedger,
                fromAnalytics,
                inPublishedHours,
                Math.max(0, onTopic - inPublishedHours));
    }
}

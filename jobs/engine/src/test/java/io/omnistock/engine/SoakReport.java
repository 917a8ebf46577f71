package io.omnistock.engine;

import io.omnistock.avro.DeadLetterReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link SoakRun} injected and what the audits found, as figures and as a markdown section
 * for {@code bench/RESULTS.md}.
 *
 * @param published every record published (node records, inventory, orders, quotes)
 * @param positions positions of the reference ledger
 * @param expectedDeadLetters by reason, the malformed records published
 * @param deadLetters by reason, the dead letters a {@code read_committed} consumer sees
 * @param repeatedDeadLetters dead letters whose event id (topic/partition/offset) was seen before
 * @param openTransactions transactions the broker holds open after the final stop-with-savepoint
 *     (-1: not looked at yet)
 */
record SoakReport(
        SoakSettings settings,
        Instant date,
        Duration streamedFor,
        long published,
        int orders,
        int quotes,
        int quotesAnswered,
        List<String> faults,
        int positions,
        DeliveryAudit.Versions versions,
        DeliveryAudit.Orders decided,
        long oversold,
        Map<DeadLetterReason, Long> expectedDeadLetters,
        Map<DeadLetterReason, Long> deadLetters,
        long repeatedDeadLetters,
        List<Sample> samples,
        int openTransactions,
        String finalSavepoint) {

    /** One sample of the latest completed checkpoint. */
    record Sample(
            Duration at,
            long checkpointId,
            long stateSize,
            long checkpointedSize,
            long durationMillis,
            long failedCheckpoints) {}

    SoakReport withOpenTransactions(int open, String savepoint) {
        return new SoakReport(
                settings,
                date,
                streamedFor,
                published,
                orders,
                quotes,
                quotesAnswered,
                faults,
                positions,
                versions,
                decided,
                oversold,
                expectedDeadLetters,
                deadLetters,
                repeatedDeadLetters,
                samples,
                open,
                savepoint);
    }

    long faultCount(String kind) {
        return faults.stream().filter(f -> f.contains(kind)).count();
    }

    /** Dead letters by reason that differ from the malformed records published. */
    Map<DeadLetterReason, String> deadLetterMismatches() {
        Map<DeadLetterReason, String> mismatches = new TreeMap<>();
        TreeMap<DeadLetterReason, Long> reasons = new TreeMap<>(expectedDeadLetters);
        deadLetters.forEach(reasons::putIfAbsent);
        for (DeadLetterReason r : reasons.keySet()) {
            long want = expectedDeadLetters.getOrDefault(r, 0L);
            long got = deadLetters.getOrDefault(r, 0L);
            if (want != got) {
                mismatches.put(r, "expected " + want + ", dead-lettered " + got);
            }
        }
        return mismatches;
    }

    long total(Map<DeadLetterReason, Long> byReason) {
        return byReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line for the test log. */
    String summary() {
        return String.format(
                Locale.ROOT,
                "soak: %d records (%d orders, %d quotes) streamed over %d s; faults %s; %d"
                        + " availability changes of %d keys: lost %d, duplicated %d, out of"
                        + " order %d; orders lost %d, duplicated %d, unknown %d; oversold units"
                        + " %d; dead letters %d (malformed published %d, repeated %d); quotes"
                        + " answered %d; state size %s -> %s; open transactions after the"
                        + " final savepoint %d",
                published,
                orders,
                quotes,
                streamedFor.toSeconds(),
                faults,
                versions.changes(),
                versions.keys(),
                versions.lost(),
                versions.duplicated(),
                versions.outOfOrder(),
                decided.lost().size(),
                decided.duplicated().size(),
                decided.unknown().size(),
                oversold,
                total(deadLetters),
                total(expectedDeadLetters),
                repeatedDeadLetters,
                quotesAnswered,
                samples.isEmpty() ? "n/a" : bytes(samples.get(0).stateSize()),
                samples.isEmpty() ? "n/a" : bytes(samples.get(samples.size() - 1).stateSize()),
                openTransactions);
    }

    /** The section for {@code bench/RESULTS.md}. */
    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| figure | value |\n|---|---:|\n");
        row(md, "records published (node records, inventory, orders, quotes)", published);
        row(md, "orders / quotes", orders + " / " + quotes);
        row(md, "streamed for", streamedFor.toSeconds() + " s");
        row(
                md,
                "pace",
                String.format(
                        Locale.ROOT,
                        "%,.0f records/s",
                        (double) published / Math.max(1, streamedFor.toSeconds())));
        row(md, "task managers killed", faultCount("task manager killed"));
        row(md, "broker restarts", faultCount("broker restarted"));
        row(md, "job manager failovers", faultCount("leading job manager killed"));
        row(md, "stop-with-savepoint and rescale", faultCount("stop with savepoint"));
        row(md, "positions checked against the reference ledger", positions + ", all equal");
        row(
                md,
                "availability changes checked (keys)",
                versions.changes() + " (" + versions.keys() + ")");
        row(
                md,
                "changes lost / duplicated / out of order",
                versions.lost() + " / " + versions.duplicated() + " / " + versions.outOfOrder());
        row(
                md,
                "orders without a final decision / with more than one / unknown",
                decided.lost().size()
                        + " / "
                        + decided.duplicated().size()
                        + " / "
                        + decided.unknown().size());
        row(md, "units oversold", oversold);
        row(
                md,
                "dead letters / malformed records published",
                total(deadLetters) + " / " + total(expectedDeadLetters));
        row(md, "quotes answered", quotesAnswered);
        row(md, "open transactions after the final stop-with-savepoint", openTransactions);
        md.append(
                "\nCheckpoints over time (the latest completed at each sample; sizes of the whole"
                        + " state and of the incremental upload):\n\n");
        md.append(
                "| at | checkpoint | state size | checkpointed | duration | failed so far |\n"
                        + "|---:|---:|---:|---:|---:|---:|\n");
        for (Sample s : samples) {
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %d s | %d | %s | %s | %d ms | %d |%n",
                            s.at().toSeconds(),
                            s.checkpointId(),
                            bytes(s.stateSize()),
                            bytes(s.checkpointedSize()),
                            s.durationMillis(),
                            s.failedCheckpoints()));
        }
        md.append("\nFaults, in seconds from the start of streaming:\n\n");
        for (String f : faults) {
            md.append("- ").append(f.trim()).append('\n');
        }
        return md.toString();
    }

    /** Writes {@link #markdown()} to {@code file}. */
    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, summary() + "\n\n" + markdown());
    }

    /** Problems for the test's assertion; empty when the soak found nothing wrong. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        versions.problems().forEach(p -> problems.add("availability changes " + p));
        if (!decided.lost().isEmpty()) {
            problems.add(decided.lost().size() + " orders without a final decision");
        }
        if (!decided.duplicated().isEmpty()) {
            problems.add(decided.duplicated().size() + " orders with repeated decisions");
        }
        if (!decided.unknown().isEmpty()) {
            problems.add(decided.unknown().size() + " decisions of orders never sent");
        }
        if (oversold > 0) {
            problems.add(oversold + " units oversold");
        }
        if (repeatedDeadLetters > 0) {
            problems.add(repeatedDeadLetters + " dead letters repeated");
        }
        return problems;
    }

    private static void row(StringBuilder md, String name, Object value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String bytes(long n) {
        return n >= 1 << 20
                ? String.format(Locale.ROOT, "%.1f MiB", n / (double) (1 << 20))
                : String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
}

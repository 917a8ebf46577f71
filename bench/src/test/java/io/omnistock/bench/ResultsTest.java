package io.omnistock.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RESULTS.md reports the median, min and max of each figure over its runs, with the machine. */
class ResultsTest {
    private static final Benchmark LEDGER =
            new Benchmark() {
                @Override
                public String name() {
                    return "ledger-throughput";
                }

                @Override
                public String description() {
                    return "Ledger on RocksDB.";
                }

                @Override
                public List<Figure> runOnce(BenchSettings settings) {
                    throw new UnsupportedOperationException();
                }
            };

    @Test
    void theMedianOfAnOddCountIsTheMiddleRunAndOfAnEvenCountTheMeanOfTheMiddleTwo() {
        assertThat(Results.summary(runs(5, 1, 3))).containsExactly(3, 1, 5);
        assertThat(Results.summary(runs(4, 1, 3, 10))).containsExactly(3.5, 1, 10);
    }

    @Test
    void eachBenchmarkIsATableOfItsFiguresWithTheMachineAbove() {
        Results results = new Results();
        results.begin(LEDGER);
        results.addRun(
                List.of(
                        new Figure("events/s", "events/s", 210_000),
                        new Figure("ratio", "ratio", 0.81)));
        results.addRun(
                List.of(
                        new Figure("events/s", "events/s", 190_000),
                        new Figure("ratio", "ratio", 0.79)));
        results.addRun(
                List.of(
                        new Figure("events/s", "events/s", 200_500),
                        new Figure("ratio", "ratio", 0.9)));
        Machine machine = new Machine("Test CPU", 2, 24L << 30, "OpenJDK 17", "Linux");

        String md =
                results.markdown(
                        machine, "./omnistock-bench", Instant.parse("2026-11-23T20:00:00Z"), 61);

        assertThat(md)
                .contains("| CPU | Test CPU |", "| cores | 2 |", "| memory | 24 GiB |")
                .contains("## ledger-throughput", "Ledger on RocksDB.")
                .contains("| events/s | events/s | 200,500 | 190,000 | 210,000 | 3 |")
                .contains("| ratio | ratio | 0.810 | 0.790 | 0.900 | 3 |")
                .contains("2026-11-23T20:00:00Z", "61 s");
        assertThat(results.median("events/s")).isEqualTo(200_500);
    }

    @Test
    void aFailedRunIsReportedAndTheOthersStillCount() {
        Results results = new Results();
        results.begin(LEDGER);
        results.addRun(List.of(new Figure("events/s", "events/s", 100)));
        results.addFailure(2, "java.util.concurrent.TimeoutException: no progress");

        String md =
                results.markdown(new Machine("c", 2, 1L << 30, "j", "o"), "cmd", Instant.EPOCH, 1);

        assertThat(md)
                .contains("| events/s | events/s | 100.0 | 100.0 | 100.0 | 1 |")
                .contains("**run 2 failed: java.util.concurrent.TimeoutException: no progress**");
    }

    private static List<Figure> runs(double... values) {
        return java.util.Arrays.stream(values).mapToObj(v -> new Figure("f", "u", v)).toList();
    }

    @Test
    void aNewRunRewritesTheFiguresAndKeepsWhatIsWrittenByHandBelowTheMark(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("RESULTS.md");
        Machine machine = new Machine("Test CPU", 2, 24L << 30, "OpenJDK 17", "Linux");
        Results first = new Results();
        first.begin(LEDGER);
        first.addRun(List.of(new Figure("events/s", "events/s", 100_000)));
        first.write(file, machine, "./omnistock-bench", Instant.parse("2026-11-23T20:00:00Z"), 1);
        String handWritten = Results.KEPT_BELOW + "\n## Before and after\n\n| a | b |\n";
        Files.writeString(file, Files.readString(file) + handWritten);

        Results second = new Results();
        second.begin(LEDGER);
        second.addRun(List.of(new Figure("events/s", "events/s", 250_000)));
        second.write(file, machine, "./omnistock-bench", Instant.parse("2026-11-24T20:00:00Z"), 1);

        String md = Files.readString(file);
        assertThat(md).contains("| events/s | events/s | 250,000 |").doesNotContain("100,000");
        assertThat(md).endsWith(handWritten);
    }
}

package io.omnistock.bench.soak;

import io.omnistock.bench.BenchSettings;
import io.omnistock.bench.Benchmark;
import io.omnistock.bench.Figure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The long soak: {@code SoakITCase} (jobs/engine) with the long settings, through Maven's verify
 * phase, because it runs the shaded job jar on a real standalone Flink cluster and a Kafka broker
 * process. {@code --soak-minutes N} (30), {@code --soak-rate R} (records/s, 500) and {@code
 * --soak-kill-every-minutes M} (3) set its duration, pace and task manager kills; the leading job
 * manager fails over once and the broker is restarted once. Not part of the suite: run it with
 * {@code ./omnistock-bench --only soak}. Its full report (checkpoint sizes and durations over time,
 * each fault) is {@code jobs/engine/target/soak-report.md}, for {@code bench/RESULTS.md}'s
 * hand-written part.
 */
public final class SoakBenchmark implements Benchmark {
    /** The {@code BenchMain} options and the test's system properties they set. */
    public static final List<String[]> OPTIONS =
            List.of(
                    new String[] {"--soak-minutes", "omnistock.soak.minutes"},
                    new String[] {"--soak-rate", "omnistock.soak.rate"},
                    new String[] {
                        "--soak-kill-every-minutes", "omnistock.soak.kill-every-minutes"
                    });

    private static final Path REPORT = Path.of("jobs/engine/target/soak-report.md");

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public String description() {
        return "The shaded engine job on a real standalone Flink cluster (job manager and task"
                + " manager processes, flink-conf/config.yaml) and a Kafka broker process:"
                + " the generator's small network (4 stores, a DC, a dark store, a 3PL; 1%"
                + " malformed records) with its SKUs and hourly rates scaled to the records asked"
                + " for, simulated time at most 96 times wall time, its valid orders with a quote"
                + " before each, streamed at a fixed pace for "
                + minutes()
                + " minutes, exactly-once, checkpoints every 2 s, parallelism 2. Faults: a task"
                + " manager killed (SIGKILL) and a new one started every "
                + System.getProperty("omnistock.soak.kill-every-minutes", "3")
                + " minutes, the leading job manager killed at a quarter (ZooKeeper high"
                + " availability: the standby takes over), a stop-with-savepoint at half time"
                + " resumed at parallelism 1, the broker restarted at three quarters. Afterwards:"
                + " every position equals the generator's"
                + " reference ledger plus the decisions' reservations, each order has exactly one"
                + " final decision, 0 units oversold, availability changes none lost, repeated or"
                + " out of order, dead letters by reason equal to the malformed records published;"
                + " the run fails otherwise. Checkpoint state size and duration are sampled every"
                + " 15 s from Flink's REST API: jobs/engine/target/soak-report.md.";
    }

    @Override
    public boolean inSuite() {
        return false;
    }

    @Override
    public int runs(int requested) {
        return 1;
    }

    @Override
    public List<Figure> runOnce(BenchSettings settings) throws Exception {
        List<String> command = new ArrayList<>();
        command.addAll(
                List.of(
                        "mvn",
                        "-q",
                        "verify",
                        "-pl",
                        "jobs/engine",
                        "-Dit.test=SoakITCase",
                        "-Dtest=none",
                        "-Dsurefire.failIfNoSpecifiedTests=false",
                        "-DfailIfNoTests=false",
                        "-Dspotless.check.skip=true",
                        "-Domnistock.soak.minutes=" + minutes(),
                        "-Domnistock.soak.broker-restart=true"));
        command.add("-Domnistock.soak.rate=" + System.getProperty("omnistock.soak.rate", "500"));
        command.add(
                "-Domnistock.soak.kill-every-minutes="
                        + System.getProperty("omnistock.soak.kill-every-minutes", "3"));
        Files.deleteIfExists(REPORT);
        Path log = settings.workDir().resolve("soak-maven.log");
        Process maven =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        int exit = maven.waitFor();
        if (!Files.exists(REPORT)) {
            throw new IllegalStateException(
                    "the soak wrote no report (maven exit " + exit + "); its log: " + log);
        }
        String report = Files.readString(REPORT);
        System.out.println(report);
        if (exit != 0) {
            throw new IllegalStateException(
                    "the soak's checks failed (report above; failsafe reports in"
                            + " jobs/engine/target/failsafe-reports)");
        }
        return figures(report);
    }

    private static String minutes() {
        return System.getProperty("omnistock.soak.minutes", "30");
    }

    /** The figures of the report's table. */
    static List<Figure> figures(String report) throws IOException {
        List<Figure> figures = new ArrayList<>();
        figure(figures, report, "records published", "records published", "records");
        figure(figures, report, "streamed for", "streamed for", "s");
        figure(figures, report, "task managers killed", "task managers killed", "faults");
        figure(figures, report, "broker restarts", "broker restarts", "faults");
        figure(figures, report, "job manager failovers", "job manager failovers", "faults");
        figure(figures, report, "units oversold", "units oversold", "units");
        Matcher changes =
                Pattern.compile(
                                "changes lost / duplicated / out of order \\| (\\d+) / (\\d+) / (\\d+)")
                        .matcher(report);
        if (changes.find()) {
            figures.add(new Figure("availability changes lost", "changes", num(changes.group(1))));
            figures.add(
                    new Figure(
                            "availability changes duplicated", "changes", num(changes.group(2))));
        }
        Matcher sizes =
                Pattern.compile("\\| (\\d+) s \\| \\d+ \\| ([\\d.]+) (KiB|MiB) \\|")
                        .matcher(report);
        List<Double> kib = new ArrayList<>();
        while (sizes.find()) {
            kib.add(num(sizes.group(2)) * (sizes.group(3).equals("MiB") ? 1024 : 1));
        }
        if (!kib.isEmpty()) {
            figures.add(new Figure("state size at start", "KiB", kib.get(0)));
            figures.add(new Figure("state size at end", "KiB", kib.get(kib.size() - 1)));
        }
        return figures;
    }

    private static void figure(
            List<Figure> figures, String report, String row, String name, String unit) {
        Matcher m =
                Pattern.compile("\\| " + Pattern.quote(row) + "[^|]* \\| ([\\d,.]+)")
                        .matcher(report);
        if (m.find()) {
            figures.add(new Figure(name, unit, num(m.group(1))));
        }
    }

    private static double num(String s) {
        return Double.parseDouble(s.replace(",", "").toLowerCase(Locale.ROOT));
    }
}

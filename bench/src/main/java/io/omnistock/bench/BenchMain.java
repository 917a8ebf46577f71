package io.omnistock.bench;

import io.omnistock.bench.carbon.CarbonBenchmark;
import io.omnistock.bench.e2e.EndToEndLatencyBenchmark;
import io.omnistock.bench.e2e.MixedLoadBenchmark;
import io.omnistock.bench.e2e.QuoteLatencyBenchmark;
import io.omnistock.bench.e2e.ServingBenchmark;
import io.omnistock.bench.ledger.LedgerThroughputBenchmark;
import io.omnistock.bench.micro.MicroBenchmarks;
import io.omnistock.bench.routing.RoutingBenchmark;
import io.omnistock.bench.soak.SoakBenchmark;
import io.omnistock.bench.state.StateScaleBenchmark;
import io.omnistock.bench.whatif.WhatIfMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the benchmark suite and writes {@code bench/RESULTS.md}: {@code ./omnistock-bench [--quick]
 * [--runs N] [--only name,...] [--class benchmark-class] [--out file]}. Each benchmark runs {@code
 * --runs} times (3; 1 in a quick run), one after another on a quiet machine.
 */
public final class BenchMain {

    /** Every benchmark, in the order they run. */
    static List<Benchmark> all() {
        return List.of(
                new LedgerThroughputBenchmark(),
                new EndToEndLatencyBenchmark(),
                new RoutingBenchmark(),
                new QuoteLatencyBenchmark(),
                new MixedLoadBenchmark(),
                new ServingBenchmark(),
                new StateScaleBenchmark(),
                new MicroBenchmarks(),
                new CarbonBenchmark(),
                new SoakBenchmark());
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("what-if")) { // sourcing rules' what-if replay
            WhatIfMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        List<String> a = Arrays.asList(args);
        if (a.contains("--help")) {
            System.out.println(
                    "./omnistock-bench [--quick] [--runs N] [--only name,...] [--out file]"
                            + " [--flink key=value ...] [--soak-minutes N] [--soak-rate R]"
                            + " [--soak-kill-every-minutes M]\n"
                            + "./omnistock-bench what-if --draft FILE [--current FILE] ...:"
                            + " sourcing rules' what-if replay (what-if --help)\n"
                            + "soak runs only when named: ./omnistock-bench --only soak\n"
                            + "benchmarks: "
                            + all().stream().map(Benchmark::name).toList());
            return;
        }
        boolean quick = a.contains("--quick");
        int runs = Integer.parseInt(option(a, "--runs", quick ? "1" : "3"));
        List<String> only =
                a.contains("--only") ? List.of(option(a, "--only", "").split(",")) : List.of();
        Path out =
                Path.of(option(a, "--out", quick ? "bench/RESULTS-quick.md" : "bench/RESULTS.md"));
        Map<String, String> flinkOptions = flinkOptions(a);
        for (String[] soak : SoakBenchmark.OPTIONS) {
            if (a.contains(soak[0])) {
                // typed here, so a bad value fails before anything runs
                System.setProperty(
                        soak[1], Double.toString(Double.parseDouble(option(a, soak[0], ""))));
            }
        }
        Path work = Files.createDirectories(Path.of("bench/work"));

        Instant start = Instant.now();
        Machine machine = Machine.current();
        Results results = new Results();
        List<Benchmark> benchmarks = new ArrayList<>(all());
        if (a.contains("--class")) { // one benchmark by class name, e.g. while writing it
            benchmarks =
                    List.of(
                            (Benchmark)
                                    Class.forName(option(a, "--class", ""))
                                            .getDeclaredConstructor()
                                            .newInstance());
        }
        for (Benchmark b : benchmarks) {
            if (only.isEmpty() ? !b.inSuite() : !only.contains(b.name())) {
                continue;
            }
            results.begin(b);
            int times = b.runs(runs);
            for (int run = 1; run <= times; run++) {
                Path dir = work.resolve(b.name());
                delete(dir);
                Files.createDirectories(dir);
                System.out.printf("== %s, run %d of %d%n", b.name(), run, times);
                List<Figure> figures;
                try {
                    figures = b.runOnce(new BenchSettings(quick, dir, flinkOptions));
                } catch (Exception e) { // one failed run must not cost the figures of the others
                    e.printStackTrace();
                    results.addFailure(run, e.toString());
                    continue;
                }
                figures.forEach(
                        f ->
                                System.out.printf(
                                        "   %-48s %14s %s%n",
                                        f.name(), Results.format(f.value()), f.unit()));
                results.addRun(figures);
                delete(dir);
            }
        }
        long seconds = (Instant.now().toEpochMilli() - start.toEpochMilli()) / 1000;
        String command = "./omnistock-bench " + String.join(" ", args);
        results.write(out, machine, command.trim(), start, seconds);
        System.out.printf("Wrote %s (%d s)%n", out, seconds);
        System.exit(0); // embedded brokers and Flink leave non-daemon threads behind
    }

    /**
     * Every {@code --flink key=value} (repeatable), e.g. {@code --flink
     * execution.checkpointing.unaligned.enabled=true}, to measure an engine setting against the
     * defaults in back-to-back runs.
     */
    private static Map<String, String> flinkOptions(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            if (!args.get(i).equals("--flink")) {
                continue;
            }
            String pair = i + 1 < args.size() ? args.get(i + 1) : "";
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "--flink takes key=value, e.g. --flink"
                                + " execution.checkpointing.unaligned.enabled=true; got '"
                                + pair
                                + "'");
            }
            options.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return options;
    }

    private static String option(List<String> args, String name, String otherwise) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : otherwise;
    }

    static void delete(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.forEach(paths::add);
        }
        paths.sort(Comparator.reverseOrder());
        for (Path p : paths) {
            Files.delete(p);
        }
    }
}

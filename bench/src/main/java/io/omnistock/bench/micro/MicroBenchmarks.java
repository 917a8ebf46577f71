package io.omnistock.bench.micro;

import io.omnistock.bench.BenchSettings;
import io.omnistock.bench.Benchmark;
import io.omnistock.bench.Figure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JMH microbenchmarks of this package, run through JMH's {@link Runner} in a forked JVM (it
 * reads the benchmark list the annotation processor writes to {@code META-INF/BenchmarkList} and
 * forks with this JVM's class path).
 */
public final class MicroBenchmarks implements Benchmark {
    private static final List<Class<?>> BENCHMARKS =
            List.of(LedgerApplyBenchmark.class, RoutingBenchmark.class);

    private static final String FORK_HEAP = "-Xmx1g";

    private record Plan(int warmups, int measurements, TimeValue iteration) {}

    private static final Plan FULL = new Plan(5, 4, TimeValue.seconds(1));
    private static final Plan QUICK = new Plan(3, 3, TimeValue.milliseconds(400));

    /** Once: JMH runs its own iterations and reports its own error. */
    @Override
    public int runs(int requested) {
        return 1;
    }

    @Override
    public String name() {
        return "jmh";
    }

    @Override
    public String description() {
        return String.format(
                Locale.ROOT,
                """
                JMH 1.37 microbenchmarks of the domain's hot paths, no Flink: average time per \
                operation (ns/op) and, as `error`, half the width of JMH's 99.9%% confidence \
                interval. One fork per benchmark (%s), %d warm-up and %d measured iterations of \
                %s (quick: %d and %d of %s). `LedgerApplyBenchmark`: `SkuLedger.apply` of a sale \
                or receipt (`applyDelta`) and of a cycle count (`applyCount`) to a position of \
                one SKU stocked at %d stores, state on HashMaps, positions holding their recent \
                deltas. `RoutingBenchmark`: `Router.plan` of a two-line ship-to-home order over \
                %d stores and %d DCs with stock (`plan`: eligibility, legs, candidate plans, \
                scoring, cost-only baseline, alternatives) and `PlanScorer.rank` of that order's \
                candidate plans alone (`rankPlans`), default policy and carbon table. No \
                target: these locate the cost inside the ledger-throughput figures.""",
                FORK_HEAP,
                FULL.warmups(),
                FULL.measurements(),
                FULL.iteration(),
                QUICK.warmups(),
                QUICK.measurements(),
                QUICK.iteration(),
                LedgerApplyBenchmark.NODES,
                RoutingBenchmark.STORES,
                RoutingBenchmark.DCS);
    }

    @Override
    public List<Figure> runOnce(BenchSettings settings) throws Exception {
        Plan plan = settings.quick() ? QUICK : FULL;
        OptionsBuilder options = new OptionsBuilder();
        for (Class<?> benchmark : BENCHMARKS) {
            options.include("^" + Pattern.quote(benchmark.getName() + ".") + ".*");
        }
        Options run =
                options.forks(1)
                        .warmupIterations(plan.warmups())
                        .warmupTime(plan.iteration())
                        .measurementIterations(plan.measurements())
                        .measurementTime(plan.iteration())
                        .mode(Mode.AverageTime)
                        .timeUnit(TimeUnit.NANOSECONDS)
                        .jvmArgs(FORK_HEAP)
                        .shouldFailOnError(true)
                        .verbosity(VerboseMode.SILENT)
                        .build();
        List<RunResult> results = new ArrayList<>(new Runner(run).run());
        results.sort(Comparator.comparing(r -> r.getParams().getBenchmark()));

        List<Figure> figures = new ArrayList<>();
        for (RunResult result : results) {
            String name = shortName(result.getParams().getBenchmark());
            Result<?> primary = result.getPrimaryResult();
            figures.add(new Figure(name, primary.getScoreUnit(), primary.getScore()));
            figures.add(
                    new Figure(name + " error", primary.getScoreUnit(), primary.getScoreError()));
        }
        return figures;
    }

    /** {@code io.omnistock.bench.micro.RoutingBenchmark.plan} -> {@code RoutingBenchmark.plan}. */
    private static String shortName(String benchmark) {
        return benchmark.substring(MicroBenchmarks.class.getPackageName().length() + 1);
    }
}

package io.omnistock.bench.carbon;

import io.omnistock.bench.BenchSettings;
import io.omnistock.bench.Benchmark;
import io.omnistock.bench.Figure;
import io.omnistock.bench.carbon.CarbonExperiment.Run;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.generator.NetworkConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./omnistock-bench --only carbon}: the {@link CarbonExperiment} on the demo's network (the
 * generator's defaults, seed 42), printed side by side and returned as figures per policy. Not a
 * timing: the figures are the same on every machine and every run.
 */
public final class CarbonBenchmark implements Benchmark {

    /** A fixed start, so the stream (and its local times of day) is the same on every run. */
    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    @Override
    public String name() {
        return "carbon";
    }

    @Override
    public String description() {
        return "A scoring experiment, not a timing: one seeded order stream over the generated network"
                + " the demo uses (generator defaults, seed 42: 50 stores, 3 DCs, 2 3PLs, 5,000 SKUs; one"
                + " simulated day from 2026-03-02T00:00Z, its valid orders in arrival order, at most 20,000;"
                + " quick: 2,000) routed through the domain `Router` with the default policy, once per"
                + " policy, each from the same opening stock (every position's opening count minus safety"
                + " stock; each routed allocation takes its units, nothing is replenished) and daily order"
                + " capacity. Policies: cost-only (the decisions' cost-only baseline: most units, then"
                + " keeping the promise, then cheapest); cost-only, promise-blind (most units, then"
                + " cheapest, whatever the ETA: the baseline before speed was judged against the promise);"
                + " as ordered (each order's own preference: the demo's mix); every order as BALANCED,"
                + " GREENEST and FASTEST; and carbon only (bound: weights 0, 0, 1, promise first: the least"
                + " CO2e the engine's model allows while keeping the promise). Per policy, per routed order:"
                + " kg CO2e and its parts (last-mile parcels, air legs, road legs), cost, on-time share"
                + " against the promise; split rate, units filled, share of shipments by air, and CO2e"
                + " avoided against each decision's own baseline. Targets: BALANCED >= 15% less CO2e than"
                + " cost-only, on-time share no lower, cost at most 5% higher; GREENEST >= 25% less CO2e."
                + " Runs once (the figures do not vary).";
    }

    @Override
    public int runs(int requested) {
        return 1;
    }

    static NetworkConfig network() {
        return NetworkConfig.builder()
                .seed(42)
                .start(START)
                .duration(Duration.ofDays(1))
                .wallClock(START.plus(Duration.ofDays(2)))
                .build();
    }

    @Override
    public List<Figure> runOnce(BenchSettings settings) {
        CarbonExperiment experiment =
                CarbonExperiment.generated(network(), (int) settings.size(20_000, 2_000));
        List<PolicyFigures> table = new ArrayList<>();
        for (Run run : experiment.runAll()) {
            table.add(PolicyFigures.of(run, CarbonFactorTable.loadDefault().parcelKg()));
        }
        System.out.println(PolicyFigures.markdown(table));
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("orders", "orders", experiment.orderCount()));
        for (PolicyFigures f : table) {
            String p = f.policy().label + ": ";
            figures.add(new Figure(p + "kg CO2e per routed order", "kg", f.co2eKgPerOrder()));
            figures.add(new Figure(p + "on time against the promise", "ratio", f.onTimeShare()));
            figures.add(new Figure(p + "cost per routed order", "cost", f.costPerOrder()));
            figures.add(new Figure(p + "split rate", "ratio", f.splitRate()));
            figures.add(new Figure(p + "units filled", "ratio", f.unitsFilled()));
            figures.add(new Figure(p + "shipments by air", "ratio", f.airShare()));
            figures.add(
                    new Figure(
                            p + "kg CO2e of last-mile parcels per routed order",
                            "kg",
                            f.parcelKgPerOrder()));
            figures.add(
                    new Figure(
                            p + "kg CO2e of air legs per routed order", "kg", f.airKgPerOrder()));
            figures.add(
                    new Figure(
                            p + "kg CO2e of road legs per routed order", "kg", f.roadKgPerOrder()));
            figures.add(
                    new Figure(
                            p + "kg CO2e avoided per routed order", "kg", f.avoidedKgPerOrder()));
        }
        return figures;
    }
}

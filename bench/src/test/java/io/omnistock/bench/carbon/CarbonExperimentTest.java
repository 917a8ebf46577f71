package io.omnistock.bench.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.omnistock.avro.TransportMode;
import io.omnistock.bench.carbon.CarbonExperiment.Outcome;
import io.omnistock.bench.carbon.CarbonExperiment.Policy;
import io.omnistock.bench.carbon.CarbonExperiment.Run;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.planning.LineAllocation;
import io.omnistock.generator.NetworkConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The carbon experiment on a small stream (the generator's small network, one day, at most 300
 * orders): its table's figures are recomputed here from each order's allocations, and what each
 * policy did is checked against the stock and the decisions' own baselines. Not a timing.
 */
class CarbonExperimentTest {
    private static final double EXACT = 1e-9;

    private static CarbonExperiment experiment;
    private static List<Run> runs;

    @BeforeAll
    static void runTheExperiment() {
        NetworkConfig small =
                NetworkConfig.small().toBuilder()
                        .seed(7)
                        .start(CarbonBenchmark.START)
                        .duration(Duration.ofDays(1))
                        .wallClock(CarbonBenchmark.START.plus(Duration.ofDays(2)))
                        .build();
        experiment = CarbonExperiment.generated(small, 300);
        runs = experiment.runAll();
    }

    @Test
    void everyPolicyRoutesTheSameOrdersFromTheSameStock() {
        assertThat(experiment.orderCount()).isBetween(100, 300);
        assertThat(runs).extracting(Run::policy).containsExactly(Policy.values());
        List<String> ids = runs.get(0).outcomes().stream().map(Outcome::orderId).toList();
        for (Run run : runs) {
            assertThat(run.outcomes().stream().map(Outcome::orderId).toList())
                    .as(run.policy().label)
                    .isEqualTo(ids);
            Map<String, Long> taken = new HashMap<>();
            for (Outcome o : run.outcomes()) {
                for (LineAllocation a : o.allocations()) {
                    taken.merge(
                            CarbonExperiment.key(a.sku(), a.nodeId()),
                            (long) a.quantity(),
                            Long::sum);
                }
            }
            taken.forEach(
                    (position, units) ->
                            assertThat(units)
                                    .as(
                                            "%s never allocates more than the opening ATP of %s",
                                            run.policy().label, position)
                                    .isLessThanOrEqualTo(
                                            experiment.openingAtp().getOrDefault(position, 0L)));
        }
    }

    @Test
    void theCostOnlyRunChoosesEachDecisionsOwnBaseline() {
        Run costOnly = run(Policy.COST_ONLY);
        int routed = 0;
        for (Outcome o : costOnly.outcomes()) {
            if (o.allocations().isEmpty()) {
                assertThat(o.baselineCost()).isNull();
                continue;
            }
            routed++;
            assertThat(o.allocations().stream().mapToDouble(LineAllocation::cost).sum())
                    .isCloseTo(o.baselineCost(), within(EXACT));
            assertThat(o.allocations().stream().mapToDouble(LineAllocation::co2eKg).sum())
                    .isCloseTo(o.baselineCo2eKg(), within(EXACT));
        }
        assertThat(routed).isPositive();
    }

    @Test
    void theTableIsWhatTheAllocationsAddUpTo() {
        double parcelKg = CarbonFactorTable.loadDefault().parcelKg();
        for (Run run : runs) {
            PolicyFigures f = PolicyFigures.of(run, parcelKg);
            int routed = 0;
            int late = 0;
            int split = 0;
            int unitsOrdered = 0;
            int unitsAllocated = 0;
            double co2e = 0;
            double cost = 0;
            double baselineCo2e = 0;
            Set<String> shipments = new HashSet<>();
            Set<String> flown = new HashSet<>();
            for (Outcome o : run.outcomes()) {
                unitsOrdered += o.unitsOrdered();
                if (o.allocations().isEmpty()) {
                    continue;
                }
                routed++;
                baselineCo2e += o.baselineCo2eKg();
                boolean lateOrder = false;
                Set<String> nodes = new HashSet<>();
                for (LineAllocation a : o.allocations()) {
                    unitsAllocated += a.quantity();
                    co2e += a.co2eKg();
                    cost += a.cost();
                    lateOrder |= a.eta() > o.promiseBy();
                    nodes.add(a.nodeId());
                    shipments.add(o.orderId() + "/" + a.nodeId());
                    if (a.mode() == TransportMode.PARCEL_AIR) {
                        flown.add(o.orderId() + "/" + a.nodeId());
                    }
                }
                late += lateOrder ? 1 : 0;
                split += nodes.size() > 1 ? 1 : 0;
            }
            String p = run.policy().label;
            assertThat(f.orders()).as(p).isEqualTo(experiment.orderCount());
            assertThat(f.routedOrders()).as(p).isEqualTo(routed);
            assertThat(f.co2eKgPerOrder()).as(p).isCloseTo(co2e / routed, within(EXACT));
            assertThat(f.costPerOrder()).as(p).isCloseTo(cost / routed, within(EXACT));
            assertThat(f.onTimeShare())
                    .as(p)
                    .isCloseTo(1.0 - (double) late / routed, within(EXACT));
            assertThat(f.splitRate()).as(p).isCloseTo((double) split / routed, within(EXACT));
            assertThat(f.unitsFilled())
                    .as(p)
                    .isCloseTo((double) unitsAllocated / unitsOrdered, within(EXACT));
            assertThat(f.airShare())
                    .as(p)
                    .isCloseTo((double) flown.size() / shipments.size(), within(EXACT));
            assertThat(f.avoidedKgPerOrder())
                    .as(p)
                    .isCloseTo((baselineCo2e - co2e) / routed, within(EXACT));
            assertThat(f.parcelKgPerOrder() + f.airKgPerOrder() + f.roadKgPerOrder())
                    .as(p + ": the parts add up")
                    .isCloseTo(f.co2eKgPerOrder(), within(EXACT));
        }
    }

    @Test
    void theMarkdownTableShowsThoseFiguresSideBySide() {
        double parcelKg = CarbonFactorTable.loadDefault().parcelKg();
        List<PolicyFigures> figures =
                runs.stream().map(r -> PolicyFigures.of(r, parcelKg)).toList();
        String table = PolicyFigures.markdown(figures);

        String header = table.lines().findFirst().orElseThrow();
        for (Policy policy : Policy.values()) {
            assertThat(header).contains(" " + policy.label + " |");
        }
        PolicyFigures balanced = figures.get(Policy.BALANCED.ordinal());
        PolicyFigures costOnly = figures.get(Policy.COST_ONLY.ordinal());
        String co2eRow = row(table, "kg CO2e per routed order");
        assertThat(co2eRow)
                .contains(String.format(Locale.ROOT, " %.4f |", balanced.co2eKgPerOrder()));
        double change =
                100 * (balanced.costPerOrder() - costOnly.costPerOrder()) / costOnly.costPerOrder();
        assertThat(row(table, "cost vs cost-only"))
                .startsWith("| cost vs cost-only | +0.0% |")
                .contains(String.format(Locale.ROOT, " %+.1f%% |", change));
    }

    @Test
    void everyPromiseFirstPolicyKeepsAtLeastAsManyPromisesAsThePromiseBlindOne() {
        double blind = PolicyFigures.of(run(Policy.COST_ONLY_PROMISE_BLIND), 0).onTimeShare();
        for (Policy policy :
                List.of(Policy.COST_ONLY, Policy.BALANCED, Policy.GREENEST, Policy.FASTEST)) {
            assertThat(PolicyFigures.of(run(policy), 0).onTimeShare())
                    .as(policy.label)
                    .isGreaterThanOrEqualTo(blind);
        }
    }

    /** The table's row of this figure. */
    private static String row(String table, String figure) {
        return table.lines()
                .filter(line -> line.startsWith("| " + figure + " |"))
                .findFirst()
                .orElseThrow();
    }

    private static Run run(Policy policy) {
        return runs.stream().filter(r -> r.policy() == policy).findFirst().orElseThrow();
    }
}

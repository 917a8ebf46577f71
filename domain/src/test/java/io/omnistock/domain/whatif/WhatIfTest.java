package io.omnistock.domain.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.domain.sourcing.SourcingAction;
import io.omnistock.domain.whatif.WhatIf.Outcome;
import io.omnistock.domain.whatif.WhatIf.Run;
import io.omnistock.ledger.domain.NodeInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The what-if replay on a network small enough to follow by hand: a DC 100 km north of the
 * customers (10 units of SKU-A, handling 1.00) and a store 10 km north (5 units, handling 0.50,
 * ships from store). Four orders: web 2, marketplace 2, web 6, web 1. The draft sends marketplace
 * orders to DCs only and rejects orders of 5 units or more. Every figure is recomputed here from
 * the runs' own outcomes, and the outcomes are checked against what the rules must do.
 */
class WhatIfTest {
    private static final long T0 = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
    private static final double LAT = 52.0;
    private static final double KM_PER_DEGREE = 6371.0 * Math.PI / 180.0;

    static final String DRAFT =
            """
            marketplace-dcs: channel=MARKETPLACE -> nodes=DC
            bulk: units>=5 -> REJECT "B2B desk"
            """;

    private static NodeInfo node(String id, NodeType type, double km, double cost) {
        return new NodeInfo(id, type, NodeStatus.OPEN, 0)
                .located(
                        LAT + km / KM_PER_DEGREE,
                        0.0,
                        "EAST",
                        0,
                        cost,
                        type == NodeType.DC
                                ? List.of(FulfilmentMethod.SHIP_TO_HOME)
                                : List.of(
                                        FulfilmentMethod.SHIP_TO_HOME,
                                        FulfilmentMethod.SHIP_FROM_STORE));
    }

    private static OrderRequest order(String id, String channel, int units, int minute) {
        long time = T0 + minute * 60_000L;
        return OrderRequest.newBuilder()
                .setEventId("e-" + id)
                .setEventTime(Instant.ofEpochMilli(time))
                .setOrderId(id)
                .setChannel(channel)
                .setLines(new ArrayList<>(List.of(new OrderLine("SKU-A", units))))
                .setMethod(FulfilmentMethod.SHIP_TO_HOME)
                .setShipFromStoreAllowed(true)
                .setDestinationLatitude(LAT)
                .setDestinationLongitude(0.0)
                .setPromiseBy(Instant.ofEpochMilli(time + 3 * 86_400_000L))
                .setPreference(RoutingPreference.BALANCED)
                .setRegion("EAST")
                .build();
    }

    private final WhatIf whatIf =
            new WhatIf(
                    List.of(
                            node("D1", NodeType.DC, 100, 1.00),
                            node("S1", NodeType.STORE, 10, 0.50)),
                    Map.of("SKU-A|D1", 10L, "SKU-A|S1", 5L),
                    List.of(
                            order("o1", "WEB", 2, 0),
                            order("o2", "MARKETPLACE", 2, 1),
                            order("o3", "WEB", 6, 2),
                            order("o4", "WEB", 1, 3)),
                    RoutingPolicy.defaults(),
                    CarbonFactorTable.loadDefault());

    @Test
    void theDraftIsAppliedOrderByOrderFromTheSameOpeningStock() {
        Run current = whatIf.run("job options", whatIf.rules(null, 0));
        Run draft = whatIf.run("draft", whatIf.rules(DRAFT, 2));

        // the job options: every order filled (10 + 5 units for 11 ordered), named by no rule
        assertThat(current.outcomes()).extracting(Outcome::ruleId).containsOnlyNulls();
        assertThat(current.outcomes())
                .allSatisfy(o -> assertThat(o.unitsAllocated()).isEqualTo(o.unitsOrdered()));
        assertThat(current.outcomes().get(0).plan().nodeIds()).containsExactly("S1");

        // the draft: o1 and o4 fall back, o2 leaves the DC, o3 is rejected
        assertThat(draft.version()).isEqualTo(2L);
        assertThat(draft.outcomes())
                .extracting(Outcome::ruleId)
                .containsExactly("fallback", "marketplace-dcs", "bulk", "fallback");
        assertThat(draft.outcomes().get(0).plan().nodeIds()).containsExactly("S1");
        assertThat(draft.outcomes().get(1).plan().nodeIds()).containsExactly("D1");
        assertThat(draft.outcomes().get(2).action()).isEqualTo(SourcingAction.REJECT);
        assertThat(draft.outcomes().get(2).plan()).isNull();
        assertThat(draft.outcomes().get(3).plan().nodeIds()).containsExactly("S1");

        // the changed orders: o2 (S1 -> D1) and o3 (routed -> rejected) at least; each one really
        // decided otherwise
        List<Outcome[]> changed = WhatIf.changed(current, draft);
        assertThat(changed).extracting(pair -> pair[0].orderId()).contains("o2", "o3");
        assertThat(changed)
                .allSatisfy(
                        pair ->
                                assertThat(pair[0].summary().replaceAll(" \\(.*\\)", ""))
                                        .isNotEqualTo(
                                                pair[1].summary().replaceAll(" \\(.*\\)", "")));
        assertThat(draft.outcomes().get(2).summary()).isEqualTo("REJECTED (bulk)");
        assertThat(draft.outcomes().get(1).summary()).isEqualTo("ROUTED D1 (marketplace-dcs)");
    }

    @Test
    void theFiguresAreTheSumsOfTheOutcomes() {
        Run current = whatIf.run("job options", whatIf.rules(null, 0));
        Run draft = whatIf.run("draft", whatIf.rules(DRAFT, 2));

        for (Run run : List.of(current, draft)) {
            WhatIfFigures figures = WhatIfFigures.of(run);
            int routed = 0;
            int onTime = 0;
            int split = 0;
            int ordered = 0;
            int allocated = 0;
            double co2e = 0;
            double cost = 0;
            for (Outcome o : run.outcomes()) {
                ordered += o.unitsOrdered();
                if (o.plan() != null && o.plan().unitsAllocated() > 0) {
                    routed++;
                    allocated += o.plan().unitsAllocated();
                    co2e += o.plan().co2eKg();
                    cost += o.plan().cost();
                    onTime += o.plan().latestEta() <= o.promiseBy() ? 1 : 0;
                    split += o.plan().shipments().size() > 1 ? 1 : 0;
                }
            }
            assertThat(figures.orders()).isEqualTo(4);
            assertThat(figures.routed()).isEqualTo(routed);
            assertThat(figures.co2eKgPerOrder()).isCloseTo(co2e / routed, within(1e-9));
            assertThat(figures.costPerOrder()).isCloseTo(cost / routed, within(1e-9));
            assertThat(figures.onTimeShare()).isCloseTo((double) onTime / routed, within(1e-9));
            assertThat(figures.splitRate()).isCloseTo((double) split / routed, within(1e-9));
            assertThat(figures.fillRate()).isCloseTo((double) allocated / ordered, within(1e-9));
        }
        // by hand: all 11 units under the job options; 2 + 2 + 0 + 1 of 11 under the draft
        assertThat(WhatIfFigures.of(current).fillRate()).isEqualTo(1.0);
        assertThat(WhatIfFigures.of(draft).fillRate()).isCloseTo(5.0 / 11.0, within(1e-12));
        assertThat(WhatIfFigures.of(draft).routed()).isEqualTo(3);
        assertThat(WhatIfFigures.of(draft).rejected()).isEqualTo(1);
        assertThat(WhatIfFigures.of(current).rejected()).isZero();

        String report = WhatIfFigures.report(current, draft, 1);
        assertThat(report)
                .contains("| figure | job options | draft (v2) | change |")
                .contains("| fill rate (units) | 1.000 | 0.455 | -54.5% |")
                .contains("| rejected by a rule | 0 | 1 | new |")
                .contains("(the first 1)");
    }

    @Test
    void aCategoryRuleReadsTheCategoriesOfTheOrdersSkus() {
        String draft = "frozen: category=FROZEN -> BACKORDER\n";
        WhatIf categorised =
                new WhatIf(
                        List.of(node("D1", NodeType.DC, 100, 1.00)),
                        Map.of("SKU-A|D1", 10L, "SKU-B|D1", 10L),
                        Map.of("SKU-A", "frozen"),
                        List.of(
                                order("o1", "WEB", 2, 0),
                                OrderRequest.newBuilder(order("o2", "WEB", 1, 1))
                                        .setLines(
                                                new ArrayList<>(
                                                        List.of(
                                                                new OrderLine("SKU-B", 1),
                                                                new OrderLine("SKU-A", 1))))
                                        .build(),
                                OrderRequest.newBuilder(order("o3", "WEB", 1, 2))
                                        .setLines(
                                                new ArrayList<>(List.of(new OrderLine("SKU-B", 1))))
                                        .build()),
                        RoutingPolicy.defaults(),
                        CarbonFactorTable.loadDefault());

        Run run = categorised.run("draft", categorised.rules(draft, 1));

        // o1 is all frozen, o2 has one frozen line of two: both backordered; o3 holds none
        assertThat(run.outcomes())
                .extracting(Outcome::summary)
                .containsExactly(
                        "BACKORDERED (frozen)", "BACKORDERED (frozen)", "ROUTED D1 (fallback)");
        // without categories no order is of one
        assertThat(whatIf.run("draft", whatIf.rules(draft, 1)).outcomes())
                .extracting(Outcome::ruleId)
                .containsOnly("fallback");
    }
}

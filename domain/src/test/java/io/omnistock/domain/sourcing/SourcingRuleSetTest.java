package io.omnistock.domain.sourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.domain.planning.ScoreWeights;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule language: what each rule reads as, which rule an order meets, and bad rule sets. */
class SourcingRuleSetTest {
    /** 2026-03-02 is a Monday; 09:30 UTC. */
    private static final long MORNING = Instant.parse("2026-03-02T09:30:00Z").toEpochMilli();

    private static final long NIGHT = Instant.parse("2026-03-02T23:15:00Z").toEpochMilli();

    static final String RULES =
            """
            # merchandising, spring
            marketplace-dcs: channel=marketplace -> nodes=DC|THREE_PL & max-split=1
            eu-bulky: region=EU & units>=10 & units<50 -> groups=EU-DCS & exclude=D9 & split-penalty=1.5
            big-ticket: value>=5000 -> HOLD_FOR_REVIEW "fraud check above 5000"
            night-green: hours=22-6 & preference=GREENEST -> weights=0.1/0.1/0.8
            same-day-stores: method=SAME_DAY -> nodes=STORE|DARK_STORE
            b2b: units>=50 -> REJECT "orders of 50 units or more go through the B2B desk"
            clearance: channel=OUTLET -> BACKORDER
            """;

    private static OrderFacts facts(
            String channel,
            String region,
            FulfilmentMethod method,
            RoutingPreference preference,
            int units,
            double value,
            long time) {
        return new OrderFacts(channel, region, method, preference, units, value, time);
    }

    private static OrderFacts web(int units) {
        return facts(
                "WEB",
                "UK",
                FulfilmentMethod.SHIP_TO_HOME,
                RoutingPreference.BALANCED,
                units,
                100.0,
                MORNING);
    }

    @Test
    void eachRuleReadsAsWritten() {
        SourcingRuleSet set = SourcingRuleSet.parse("default", 7, RULES);

        assertThat(set.version()).isEqualTo(7);
        assertThat(set.rules())
                .extracting(SourcingRule::name)
                .containsExactly(
                        "marketplace-dcs",
                        "eu-bulky",
                        "big-ticket",
                        "night-green",
                        "same-day-stores",
                        "b2b",
                        "clearance");
        assertThat(set.rules()).extracting(SourcingRule::line).containsExactly(2, 3, 4, 5, 6, 7, 8);

        SourcingRule marketplace = set.rules().get(0);
        assertThat(marketplace.action()).isEqualTo(SourcingAction.ROUTE);
        assertThat(marketplace.when().channels()).containsExactly("MARKETPLACE");
        assertThat(marketplace.strategy().nodeTypes())
                .containsExactlyInAnyOrder(NodeType.DC, NodeType.THREE_PL);
        assertThat(marketplace.strategy().maxSplit()).isEqualTo(1);
        assertThat(marketplace.strategy().weights()).isNull();
        assertThat(marketplace.strategy().splitPenalty()).isNaN();

        SourcingRule bulky = set.rules().get(1);
        assertThat(bulky.when().minUnits()).isEqualTo(10);
        assertThat(bulky.when().maxUnits()).isEqualTo(50);
        assertThat(bulky.strategy().nodeGroups()).containsExactly("EU-DCS");
        assertThat(bulky.strategy().excludedNodes()).containsExactly("D9");
        assertThat(bulky.strategy().splitPenalty()).isEqualTo(1.5);

        assertThat(set.rules().get(2).action()).isEqualTo(SourcingAction.HOLD_FOR_REVIEW);
        assertThat(set.rules().get(2).reason()).isEqualTo("fraud check above 5000");
        assertThat(set.rules().get(3).strategy().weights())
                .isEqualTo(new ScoreWeights(0.1, 0.1, 0.8));
        assertThat(set.rules().get(5).action()).isEqualTo(SourcingAction.REJECT);
        assertThat(set.rules().get(6).action()).isEqualTo(SourcingAction.BACKORDER);
        assertThat(set.rules().get(6).reason()).isEqualTo("BACKORDER");
    }

    @Test
    void theFirstRuleAnOrderMeetsWinsAndNoMatchIsNull() {
        SourcingRuleSet set = SourcingRuleSet.parse("default", 1, RULES);

        // a marketplace order of 60 units meets marketplace-dcs (line 2) before b2b (line 7)
        assertThat(
                        set.match(
                                        facts(
                                                "Marketplace",
                                                "UK",
                                                FulfilmentMethod.SHIP_TO_HOME,
                                                RoutingPreference.BALANCED,
                                                60,
                                                100,
                                                MORNING))
                                .name())
                .isEqualTo("marketplace-dcs");
        assertThat(set.match(web(60)).name()).isEqualTo("b2b");
        // units<50 is exclusive: 49 is eu-bulky, 50 is b2b
        OrderFacts eu49 =
                facts(
                        "WEB",
                        "eu",
                        FulfilmentMethod.SHIP_TO_HOME,
                        RoutingPreference.BALANCED,
                        49,
                        100,
                        MORNING);
        assertThat(set.match(eu49).name()).isEqualTo("eu-bulky");
        OrderFacts eu50 =
                facts(
                        "WEB",
                        "EU",
                        FulfilmentMethod.SHIP_TO_HOME,
                        RoutingPreference.BALANCED,
                        50,
                        100,
                        MORNING);
        assertThat(set.match(eu50).name()).isEqualTo("b2b");
        // value>=5000 is inclusive; an order without a value never meets a value bound
        assertThat(set.match(web(1))).isNull();
        OrderFacts rich =
                facts(
                        "WEB",
                        "UK",
                        FulfilmentMethod.SHIP_TO_HOME,
                        RoutingPreference.BALANCED,
                        1,
                        5000,
                        MORNING);
        assertThat(set.match(rich).name()).isEqualTo("big-ticket");
        OrderFacts noValue =
                facts(
                        "WEB",
                        "UK",
                        FulfilmentMethod.SHIP_TO_HOME,
                        RoutingPreference.BALANCED,
                        1,
                        Double.NaN,
                        MORNING);
        assertThat(set.match(noValue)).isNull();
        // hours=22-6 wraps past midnight: 23:15 UTC meets it, 09:30 does not
        OrderFacts greenNight =
                facts(
                        "WEB",
                        "UK",
                        FulfilmentMethod.SHIP_TO_HOME,
                        RoutingPreference.GREENEST,
                        1,
                        10,
                        NIGHT);
        assertThat(set.match(greenNight).name()).isEqualTo("night-green");
        OrderFacts greenMorning =
                facts(
                        "WEB",
                        "UK",
                        FulfilmentMethod.SHIP_TO_HOME,
                        RoutingPreference.GREENEST,
                        1,
                        10,
                        MORNING);
        assertThat(set.match(greenMorning)).isNull();
        OrderFacts sameDay =
                facts(
                        "WEB",
                        "UK",
                        FulfilmentMethod.SAME_DAY,
                        RoutingPreference.FASTEST,
                        1,
                        10,
                        MORNING);
        assertThat(set.match(sameDay).name()).isEqualTo("same-day-stores");
    }

    @Test
    void aCatchAllRuleMatchesEverything() {
        SourcingRuleSet set =
                SourcingRuleSet.parse(
                        "default", 2, "outlet: channel=OUTLET -> BACKORDER\nrest: * -> DEFAULT");

        assertThat(set.match(web(3)).name()).isEqualTo("rest");
        assertThat(set.match(web(3)).strategy()).isEqualTo(SourcingStrategy.DEFAULT);
        assertThat(set.match(web(3)).when().matchesEverything()).isTrue();
    }

    @Test
    void aRuleSetThatDoesNotReadNamesTheLineAndTheReason() {
        assertBad(
                "ok: * -> DEFAULT\n\n# fine\nbad channel=WEB -> DEFAULT",
                4,
                "not 'name: conditions -> outcome'");
        assertBad(
                "a: channel=WEB -> nodes=WAREHOUSE",
                1,
                "node type must be one of STORE, DC, DARK_STORE, THREE_PL, was WAREHOUSE");
        assertBad(
                "a: colour=red -> DEFAULT",
                1,
                "condition 'colour=red' is not channel=, region=, category=, method=,"
                        + " preference=, units>=, units<, value>=, value< or hours=");
        assertBad("a: category=FROZEN| -> DEFAULT", 1, "category= lists an empty name");
        assertBad("a: * -> REJECT", 1, "rule a: REJECT needs a \"reason\"");
        assertBad(
                "a: * -> DEFAULT\nA: * -> DEFAULT\na: * -> BACKORDER", 3, "two rules are named a");
        assertBad("a: units>=5 & units<5 -> DEFAULT", 1, "units>= and units< never match together");
        assertBad("a: * -> max-split=0", 1, "max-split must be at least 1");
        assertBad(
                "a: * -> weights=1/2",
                1,
                "weights must read COST/SPEED/CARBON, e.g. weights=0.2/0.2/0.6");
        assertBad("a: * -> weights=1/-2/0", 1, "speed weight must be finite and >= 0: -2.0");
        assertBad(
                "a: method=DRONE -> DEFAULT",
                1,
                "method must be one of SHIP_TO_HOME, SHIP_FROM_STORE, BOPIS, CURBSIDE, SAME_DAY,"
                        + " was DRONE");
        assertBad("a: hours=25-3 -> DEFAULT", 1, "hours: 25 is not an hour 0-24");
        assertBad("a: value>=lots -> DEFAULT", 1, "value: 'lots' is not a number");
        assertBad("# only a comment\n", 0, "the rule set holds no rule");
        assertBad("  ", 0, "the rule set is empty");
    }

    private static void assertBad(String text, int line, String reason) {
        assertThatThrownBy(() -> SourcingRuleSet.parse("default", 1, text))
                .isInstanceOfSatisfying(
                        RuleSetException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(reason);
                            assertThat(e.line()).isEqualTo(line);
                            assertThat(e.getMessage())
                                    .isEqualTo(line > 0 ? "line " + line + ": " + reason : reason);
                        });
    }

    @Test
    void namesCompareCaseInsensitively() {
        RuleConditions when =
                SourcingRuleSet.parse("default", 1, "a: channel=Web|app & region=uk -> DEFAULT")
                        .rules()
                        .get(0)
                        .when();

        assertThat(when.channels()).isEqualTo(Set.of("WEB", "APP"));
        assertThat(when.matches(web(1))).isTrue();
    }

    private static OrderFacts withCategories(String... categories) {
        return new OrderFacts(
                "WEB",
                "UK",
                FulfilmentMethod.SHIP_TO_HOME,
                RoutingPreference.BALANCED,
                3,
                100.0,
                MORNING,
                Set.of(categories));
    }

    @Test
    void aCategoryConditionMeetsAnOrderWithAnyLineOfOneOfTheCategories() {
        SourcingRuleSet set =
                SourcingRuleSet.parse(
                        "default",
                        1,
                        """
                        frozen: category=Frozen|chilled -> nodes=STORE
                        frozen-uk: category=FROZEN & region=UK -> REJECT "never"
                        rest: * -> DEFAULT
                        """);
        RuleConditions frozen = set.rules().get(0).when();

        assertThat(frozen.categories()).isEqualTo(Set.of("FROZEN", "CHILLED"));
        // an order of one frozen and one toy line: any line's category counts
        assertThat(set.match(withCategories("toys", "frozen")).name()).isEqualTo("frozen");
        assertThat(set.match(withCategories("CHILLED")).name()).isEqualTo("frozen");
        // no line of those categories, or SKUs without a category: the rule does not apply
        assertThat(set.match(withCategories("toys")).name()).isEqualTo("rest");
        assertThat(set.match(withCategories()).name()).isEqualTo("rest");
        assertThat(set.match(web(3)).name()).isEqualTo("rest");
        // the facts of a routing order: each distinct, non-blank category once
        assertThat(
                        OrderFacts.of(
                                        new io.omnistock.domain.planning.Order(
                                                "o-1",
                                                MORNING,
                                                "WEB",
                                                java.util.List.of(
                                                        new io.omnistock.domain.planning
                                                                .PlannedLine("S", 1)),
                                                FulfilmentMethod.SHIP_TO_HOME,
                                                true,
                                                new io.omnistock.domain.planning.GeoPoint(52, 0),
                                                null,
                                                MORNING,
                                                RoutingPreference.BALANCED,
                                                null),
                                        "UK",
                                        null,
                                        java.util.Arrays.asList("frozen", null, " ", "frozen"))
                                .categories())
                .containsExactly("frozen");
    }
}

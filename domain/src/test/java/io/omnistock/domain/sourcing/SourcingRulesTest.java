package io.omnistock.domain.sourcing;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.planning.GeoPoint;
import io.omnistock.domain.planning.Order;
import io.omnistock.domain.planning.PlannedLine;
import io.omnistock.domain.planning.Router;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.domain.planning.ScoreWeights;
import io.omnistock.ledger.domain.NodeInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which router, nodes and names an order gets from the rules in force, and the fallbacks. */
class SourcingRulesTest {
    private static final Router BASE =
            new Router(RoutingPolicy.defaults(), CarbonFactorTable.loadDefault());

    private static Order order(String channel, int units) {
        return new Order(
                "O-1",
                0L,
                channel,
                List.of(new PlannedLine("SKU-A", units)),
                FulfilmentMethod.SHIP_TO_HOME,
                true,
                new GeoPoint(52.0, 0.0),
                null,
                86_400_000L,
                RoutingPreference.BALANCED);
    }

    private static NodeInfo node(String id, NodeType type, String... groups) {
        return new NodeInfo(id, type, NodeStatus.OPEN, 0).inGroups(List.of(groups));
    }

    @Test
    void withNoRuleSetTheJobOptionsDecideAndNameNothing() {
        Sourcing sourcing = SourcingRules.jobOptions(BASE).decide(order("WEB", 1), "UK", null);

        assertThat(sourcing.ruleId()).isNull();
        assertThat(sourcing.ruleSetVersion()).isNull();
        assertThat(sourcing.routes()).isTrue();
        assertThat(sourcing.router()).isSameAs(BASE);
    }

    @Test
    void anOrderNoRuleMatchesFallsBackToTheJobOptionsNamedFallback() {
        SourcingRules rules =
                SourcingRules.of(
                        BASE,
                        SourcingRuleSet.parse("default", 4, "mp: channel=MARKETPLACE -> nodes=DC"),
                        CarbonFactorTable.loadDefault());

        Sourcing sourcing = rules.decide(order("WEB", 1), "UK", null);

        assertThat(sourcing.ruleId()).isEqualTo("fallback");
        assertThat(sourcing.ruleSetVersion()).isEqualTo(4L);
        assertThat(sourcing.router()).isSameAs(BASE);
        assertThat(sourcing.strategy()).isEqualTo(SourcingStrategy.DEFAULT);
    }

    @Test
    void aStrategyOverridesOnlyTheNumbersItNamesAndFiltersTheNodes() {
        SourcingRules rules =
                SourcingRules.of(
                        BASE,
                        SourcingRuleSet.parse(
                                "default",
                                5,
                                "mp: channel=MARKETPLACE -> nodes=DC|STORE & groups=NORTH"
                                        + " & exclude=D2 & max-split=1 & weights=0.2/0.3/0.5"
                                        + " & split-penalty=2"),
                        CarbonFactorTable.loadDefault());

        Sourcing sourcing = rules.decide(order("marketplace", 1), "UK", null);

        RoutingPolicy policy = sourcing.router().policy();
        assertThat(sourcing.ruleId()).isEqualTo("mp");
        assertThat(policy.maxSplit()).isEqualTo(1);
        assertThat(policy.splitPenalty()).isEqualTo(2.0);
        for (RoutingPreference preference : RoutingPreference.values()) {
            assertThat(policy.weightsFor(preference)).isEqualTo(new ScoreWeights(0.2, 0.3, 0.5));
        }
        assertThat(policy.sameDayRadiusKm()).isEqualTo(BASE.policy().sameDayRadiusKm());
        assertThat(policy.handlingHours()).isEqualTo(BASE.policy().handlingHours());
        assertThat(
                        sourcing.nodes(
                                List.of(
                                        node("D1", NodeType.DC, "NORTH"),
                                        node("D2", NodeType.DC, "NORTH"),
                                        node("D3", NodeType.DC, "SOUTH"),
                                        node("S1", NodeType.STORE, "NORTH", "SOUTH"),
                                        node("T1", NodeType.THREE_PL, "NORTH"))))
                .extracting(n -> n.nodeId)
                .containsExactly("D1", "S1");
    }
}

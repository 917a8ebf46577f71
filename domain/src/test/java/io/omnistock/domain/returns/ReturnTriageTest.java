package io.omnistock.domain.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.avro.ConditionGrade;
import io.omnistock.avro.DispositionType;
import org.junit.jupiter.api.Test;

class ReturnTriageTest {
    private final ReturnTriage defaults = ReturnTriage.defaults();

    @Test
    void theDefaultRulesDecideByGradeCategoryAndValue() {
        assertDecided(defaults, ConditionGrade.A, "toys", 5.0, "sealed", DispositionType.RESTOCK);
        assertDecided(
                defaults, ConditionGrade.B, "apparel", 30.0, "opened", DispositionType.RESTOCK);
        // an opened lipstick is not sold again however new it looks
        assertDecided(
                defaults,
                ConditionGrade.B,
                "Beauty",
                12.0,
                "opened-hygiene",
                DispositionType.LIQUIDATE);
        assertDecided(
                defaults,
                ConditionGrade.C,
                "home",
                40.0,
                "used-valuable",
                DispositionType.REFURBISH);
        assertDecided(defaults, ConditionGrade.C, "home", 39.99, "used", DispositionType.LIQUIDATE);
        assertDecided(
                defaults,
                ConditionGrade.D,
                "electronics",
                250.0,
                "broken-electronics",
                DispositionType.REFURBISH);
        assertDecided(
                defaults, ConditionGrade.D, "electronics", 99.0, "rest", DispositionType.RECYCLE);
        assertDecided(defaults, ConditionGrade.D, "toys", 250.0, "rest", DispositionType.RECYCLE);
    }

    @Test
    void aRuleWithAValueBoundNeverMatchesAReturnWithoutAValue() {
        // C without a value cannot be judged valuable: it falls through to 'used'
        assertDecided(
                defaults, ConditionGrade.C, "home", Double.NaN, "used", DispositionType.LIQUIDATE);
    }

    @Test
    void anUngradedReturnIsRestockedAsATillReturnAlwaysWas() {
        TriageRule rule = defaults.decide(new ReturnedItem());

        assertThat(rule).isSameAs(ReturnTriage.UNGRADED);
        assertThat(rule.disposition()).isEqualTo(DispositionType.RESTOCK);
    }

    @Test
    void theFirstMatchingRuleWins() {
        ReturnTriage triage =
                ReturnTriage.parse(
                        "cheap: value<10 -> RECYCLE; toys: category=toys|games -> RESTOCK; all: * -> LIQUIDATE");

        assertDecided(triage, ConditionGrade.A, "toys", 5.0, "cheap", DispositionType.RECYCLE);
        assertDecided(triage, ConditionGrade.A, "GAMES", 10.0, "toys", DispositionType.RESTOCK);
        assertDecided(triage, ConditionGrade.A, null, 10.0, "all", DispositionType.LIQUIDATE);
        assertThat(triage.rules())
                .extracting(TriageRule::name)
                .containsExactly("cheap", "toys", "all");
    }

    @Test
    void valueBoundsAreInclusiveBelowAndExclusiveAbove() {
        TriageRule band =
                ReturnTriage.parse("band: value>=50 & value<100 -> REFURBISH; rest: * -> RECYCLE")
                        .rules()
                        .get(0);

        assertThat(band.matches(ConditionGrade.C, null, 49.99)).isFalse();
        assertThat(band.matches(ConditionGrade.C, null, 50.0)).isTrue();
        assertThat(band.matches(ConditionGrade.C, null, 99.99)).isTrue();
        assertThat(band.matches(ConditionGrade.C, null, 100.0)).isFalse();
    }

    @Test
    void rulesThatDoNotReadAreRefusedNamingTheRule() {
        assertThatThrownBy(() -> ReturnTriage.parse("a: grade=A -> RESTOCK"))
                .hasMessageContaining("last triage rule must match every return");
        assertThatThrownBy(() -> ReturnTriage.parse("a: grade=E -> RESTOCK; b: * -> RECYCLE"))
                .hasMessageContaining("rule a: grade must be A, B, C or D");
        assertThatThrownBy(() -> ReturnTriage.parse("a: colour=red -> RESTOCK; b: * -> RECYCLE"))
                .hasMessageContaining("rule a: condition 'colour=red'");
        assertThatThrownBy(() -> ReturnTriage.parse("a: * -> SELL"))
                .hasMessageContaining("rule a: disposition must be");
        assertThatThrownBy(() -> ReturnTriage.parse("a: value>=x -> RESTOCK; b: * -> RECYCLE"))
                .hasMessageContaining("rule a: 'x' is not a number");
        assertThatThrownBy(() -> ReturnTriage.parse("a: * -> RESTOCK; a: * -> RECYCLE"))
                .hasMessageContaining("two triage rules are named a");
        assertThatThrownBy(() -> ReturnTriage.parse("no arrow here"))
                .hasMessageContaining("is not 'name: conditions -> DISPOSITION'");
    }

    private static void assertDecided(
            ReturnTriage triage,
            ConditionGrade grade,
            String category,
            double value,
            String rule,
            DispositionType disposition) {
        TriageRule decided = triage.decide(new ReturnedItem(grade, category, value));
        assertThat(decided.name()).as(grade + " " + category + " " + value).isEqualTo(rule);
        assertThat(decided.disposition()).isEqualTo(disposition);
    }
}

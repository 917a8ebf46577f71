package io.omnistock.domain.sourcing;

import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.planning.Order;
import io.omnistock.domain.planning.Router;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * The sourcing rules in force: a published {@link SourcingRuleSet} over the job's routing policy,
 * or the job's policy alone when none is published. Builds one router per rule that changes the
 * policy, once, so routing an order costs one rule match.
 */
public final class SourcingRules implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The rule id decisions name when a rule set is in force but no rule matched the order. */
    public static final String FALLBACK = "fallback";

    private final Router base;
    private final SourcingRuleSet set;
    private final Map<String, Router> routers = new HashMap<>();
    private final Sourcing fallback;

    private SourcingRules(Router base, SourcingRuleSet set, CarbonFactorTable carbon) {
        this.base = base;
        this.set = set;
        if (set != null) {
            for (SourcingRule rule : set.rules()) {
                if (rule.action() == SourcingAction.ROUTE && !rule.strategy().keepsPolicy()) {
                    routers.put(
                            rule.name(),
                            new Router(rule.strategy().applyTo(base.policy()), carbon));
                }
            }
        }
        this.fallback =
                new Sourcing(
                        set == null ? null : FALLBACK,
                        set == null ? null : set.version(),
                        SourcingAction.ROUTE,
                        null,
                        base,
                        SourcingStrategy.DEFAULT);
    }

    /** The job's options alone: no rule set published. */
    public static SourcingRules jobOptions(Router base) {
        return new SourcingRules(base, null, null);
    }

    /** A published rule set over the job's options. */
    public static SourcingRules of(Router base, SourcingRuleSet set, CarbonFactorTable carbon) {
        return new SourcingRules(base, set, carbon);
    }

    /** The rule set in force; null when the job options alone decide. */
    public SourcingRuleSet ruleSet() {
        return set;
    }

    /** The version in force; null when no rule set is. */
    public Long version() {
        return set == null ? null : set.version();
    }

    public Router base() {
        return base;
    }

    /** How to source this order, with the region and value its request carries. */
    public Sourcing decide(Order order, String region, Double value) {
        return decide(OrderFacts.of(order, region, value));
    }

    /**
     * How to source this order, with the region and value its request carries and the categories of
     * its SKUs (reference.skus, as the SKUs' ledgers answered them).
     */
    public Sourcing decide(
            Order order, String region, Double value, java.util.Collection<String> categories) {
        return decide(OrderFacts.of(order, region, value, categories));
    }

    public Sourcing decide(OrderFacts facts) {
        if (set == null) {
            return fallback;
        }
        SourcingRule rule = set.match(facts);
        if (rule == null) {
            return fallback;
        }
        return new Sourcing(
                rule.name(),
                set.version(),
                rule.action(),
                rule.reason(),
                routers.getOrDefault(rule.name(), base),
                rule.strategy());
    }
}

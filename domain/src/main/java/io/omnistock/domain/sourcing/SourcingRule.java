package io.omnistock.domain.sourcing;

import java.io.Serializable;

/**
 * One sourcing rule: an order meeting {@code when} is routed under {@code strategy} ({@link
 * SourcingAction#ROUTE}) or handled by the action (the strategy is then {@link
 * SourcingStrategy#DEFAULT} and unused).
 *
 * @param line where the rule stands in its rule set's text, from 1
 * @param reason why, for BACKORDER, HOLD_FOR_REVIEW and REJECT (the decision's reason); null for
 *     ROUTE
 */
public record SourcingRule(
        String name,
        int line,
        RuleConditions when,
        SourcingAction action,
        SourcingStrategy strategy,
        String reason)
        implements Serializable {

    public SourcingRule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a sourcing rule needs a name");
        }
        if (action == null || strategy == null || when == null) {
            throw new IllegalArgumentException("rule " + name + ": incomplete");
        }
    }

    public boolean matches(OrderFacts order) {
        return when.matches(order);
    }
}

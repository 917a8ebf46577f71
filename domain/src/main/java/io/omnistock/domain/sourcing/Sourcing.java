package io.omnistock.domain.sourcing;

import io.omnistock.domain.planning.Router;
import io.omnistock.ledger.domain.NodeInfo;
import java.util.Collection;

/**
 * How one order is to be sourced: by which rule of which rule-set version (both null when no rule
 * set is in force), with which action, router (the job's policy with the rule's overrides) and
 * eligible nodes.
 *
 * @param ruleId the deciding rule's name; {@link SourcingRules#FALLBACK} when a rule set is in
 *     force but no rule matched; null when no rule set is in force
 * @param reason the decision's reason for BACKORDER, HOLD_FOR_REVIEW and REJECT, else null
 */
public record Sourcing(
        String ruleId,
        Long ruleSetVersion,
        SourcingAction action,
        String reason,
        Router router,
        SourcingStrategy strategy) {

    /** The nodes the rule lets routing consider, in the given order. */
    public Collection<NodeInfo> nodes(Collection<NodeInfo> all) {
        return strategy.allowed(all);
    }

    public boolean routes() {
        return action == SourcingAction.ROUTE;
    }

    /** The decision's reason for an action: {@code ACTION by rule <id> (v<version>): reason}. */
    public String decisionReason() {
        return action
                + " by rule "
                + ruleId
                + " (v"
                + ruleSetVersion
                + ")"
                + (reason == null || reason.equals(action.name()) ? "" : ": " + reason);
    }
}

package io.omnistock.engine.functions;

import io.omnistock.ledger.domain.NodeInfo;

/**
 * What routing's broadcast side takes: exactly one of a node's reference data ({@link #node}) or a
 * sourcing rule set in force from now on ({@link #rules}).
 */
public class RoutingReference {
    public NodeInfo node;
    public RuleSetText rules;

    public RoutingReference() {}

    public static RoutingReference of(NodeInfo node) {
        RoutingReference reference = new RoutingReference();
        reference.node = node;
        return reference;
    }

    public static RoutingReference of(RuleSetText rules) {
        RoutingReference reference = new RoutingReference();
        reference.rules = rules;
        return reference;
    }
}

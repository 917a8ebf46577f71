package io.omnistock.engine.functions;

import io.omnistock.domain.sourcing.SourcingRuleSet;

/**
 * A sourcing rule set that reads, as routing keeps it in the {@code sourcing-rules} broadcast
 * state: its id, version and text (parsed again after a restore). The class name is part of that
 * state's savepoint contract.
 */
public class RuleSetText {
    public String ruleSetId;
    public long version;
    public String text;

    public RuleSetText() {}

    public RuleSetText(String ruleSetId, long version, String text) {
        this.ruleSetId = ruleSetId;
        this.version = version;
        this.text = text;
    }

    /** The rules (the text read when it was published, so this does not fail). */
    public SourcingRuleSet parse() {
        return SourcingRuleSet.parse(ruleSetId, version, text);
    }
}

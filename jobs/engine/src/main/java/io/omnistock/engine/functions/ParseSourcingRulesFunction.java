package io.omnistock.engine.functions;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.domain.sourcing.RuleSetException;
import io.omnistock.domain.sourcing.SourcingRuleSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Checks each published sourcing rule set before routing takes it: one that reads goes on to
 * routing and the probes (broadcast); one that does not read is dead-lettered INVALID_RULE_SET with
 * the line and the reason, and the previous set stays in force. A set for another id than {@value
 * #RULE_SET_ID}, or keyed otherwise than by its id, is dead-lettered too. Counts every record in,
 * and each as processed or dead-lettered.
 */
public class ParseSourcingRulesFunction extends ProcessFunction<RuleSetRecord, RoutingReference> {
    private static final long serialVersionUID = 1L;

    /** The one rule set routing follows (the record key on routing.rules). */
    public static final String RULE_SET_ID = "default";

    private transient LedgerMetrics.Count recordsIn;
    private transient LedgerMetrics.Count processed;
    private transient LedgerMetrics.Count deadLettered;

    @Override
    public void open(OpenContext openContext) {
        recordsIn = new LedgerMetrics.Count(getRuntimeContext(), LedgerMetrics.RECORDS_IN);
        processed = new LedgerMetrics.Count(getRuntimeContext(), LedgerMetrics.PROCESSED);
        deadLettered = new LedgerMetrics.Count(getRuntimeContext(), LedgerMetrics.DEAD_LETTERED);
    }

    @Override
    public void processElement(RuleSetRecord in, Context ctx, Collector<RoutingReference> out) {
        recordsIn.inc();
        if (in.rejection != null) {
            reject(in, in.rejection, in.rejectionMessage, ctx);
            return;
        }
        if (in.key == null || !in.key.equals(in.ruleSetId)) {
            reject(
                    in,
                    DeadLetterReason.KEY_MISMATCH,
                    "key " + in.key + " is not the rule set id " + in.ruleSetId,
                    ctx);
            return;
        }
        if (!RULE_SET_ID.equals(in.ruleSetId)) {
            reject(
                    in,
                    DeadLetterReason.INVALID_RULE_SET,
                    "rule set " + in.ruleSetId + ": routing follows only '" + RULE_SET_ID + "'",
                    ctx);
            return;
        }
        try {
            SourcingRuleSet.parse(in.ruleSetId, in.version, in.text);
        } catch (RuleSetException e) {
            reject(
                    in,
                    DeadLetterReason.INVALID_RULE_SET,
                    "rule set " + in.ruleSetId + " v" + in.version + ": " + e.getMessage(),
                    ctx);
            return;
        }
        processed.inc();
        out.collect(RoutingReference.of(new RuleSetText(in.ruleSetId, in.version, in.text)));
    }

    private void reject(RuleSetRecord in, DeadLetterReason reason, String message, Context ctx) {
        deadLettered.inc();
        ctx.output(LedgerOutputs.DEAD_LETTERS, in.toDeadLetter(reason, message));
    }
}

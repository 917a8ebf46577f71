package io.omnistock.analytics.functions;

import io.omnistock.avro.RoutingDecision;
import io.omnistock.domain.analytics.MetricFact;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A routing decision's fact, with its order-to-decision latency from the decision's record
 * timestamp (the time the ledger wrote it to {@code orders.decisions}, which the Kafka source
 * carries as the element's timestamp); without a timestamp the fact has no latency.
 */
public final class DecisionToFactFunction extends ProcessFunction<RoutingDecision, MetricFact> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(RoutingDecision decision, Context ctx, Collector<MetricFact> out) {
        Long published = ctx.timestamp();
        out.collect(
                published == null ? MetricFact.of(decision) : MetricFact.of(decision, published));
    }
}

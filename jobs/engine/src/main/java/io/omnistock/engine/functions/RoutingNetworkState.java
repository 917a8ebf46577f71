package io.omnistock.engine.functions;

import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.orders.DailyCapacity;
import io.omnistock.domain.orders.OrderRouting;
import io.omnistock.domain.planning.CapacityView;
import io.omnistock.domain.planning.Router;
import io.omnistock.domain.sourcing.SourcingRules;
import io.omnistock.ledger.domain.NodeInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * The state adapter routing and quoting see the network through: the broadcast node data and this
 * subtask's share of the nodes' daily capacity (operator state, a union list of node-day counts).
 */
final class RoutingNetworkState implements OrderRouting.Network {
    private final DailyCapacity capacity = new DailyCapacity();
    private ReadOnlyBroadcastState<String, NodeInfo> nodes;
    private List<NodeInfo> all;
    private long orderTime;
    private final CapacityView capacityView = node -> capacity.hasCapacity(node, orderTime);
    private ReadOnlyBroadcastState<String, RuleSetText> rules;
    private Router router;
    private CarbonFactorTable carbon;
    private RuleSetText parsedText;
    private SourcingRules parsed;

    /** The router of the job's options, which sourcing rules override. */
    void useRouter(Router router, CarbonFactorTable carbon) {
        this.router = router;
        this.carbon = carbon;
    }

    /** Binds the sourcing rule set broadcast state. */
    void bindRules(ReadOnlyBroadcastState<String, RuleSetText> rules) {
        this.rules = rules;
    }

    /**
     * The sourcing rules in force, parsed once per published version (and again after a restore);
     * null when none is published.
     */
    @Override
    public SourcingRules sourcing() {
        RuleSetText current;
        try {
            current = rules == null ? null : rules.get(ParseSourcingRulesFunction.RULE_SET_ID);
        } catch (Exception e) {
            throw new IllegalStateException("broadcast state access failed", e);
        }
        if (current == null) {
            return null;
        }
        if (current != parsedText) {
            parsed = SourcingRules.of(router, current.parse(), carbon);
            parsedText = current;
        }
        return parsed;
    }

    /** Restores the capacity counts every subtask wrote, for a job at {@code parallelism}. */
    void restore(ListState<Tuple2<String, Long>> capacityState, int parallelism) throws Exception {
        capacity.setParallelism(parallelism);
        Map<String, Long> restored = new HashMap<>();
        for (Tuple2<String, Long> entry : capacityState.get()) {
            restored.merge(entry.f0, entry.f1, Long::sum);
        }
        capacity.restore(restored);
    }

    void snapshot(ListState<Tuple2<String, Long>> capacityState) throws Exception {
        List<Tuple2<String, Long>> entries = new ArrayList<>();
        capacity.snapshot().forEach((nodeDay, n) -> entries.add(Tuple2.of(nodeDay, n)));
        capacityState.update(entries);
    }

    /** Binds the node data and the time of the order in hand (its capacity day). */
    void bind(ReadOnlyBroadcastState<String, NodeInfo> nodes, long orderTime) {
        this.nodes = nodes;
        this.orderTime = orderTime;
    }

    /** The node data changed: the next {@link #nodes()} reads it again. */
    void invalidate() {
        all = null;
    }

    @Override
    public NodeInfo node(String nodeId) {
        try {
            return nodes.get(nodeId);
        } catch (Exception e) {
            throw new IllegalStateException("broadcast state access failed", e);
        }
    }

    @Override
    public Collection<NodeInfo> nodes() {
        if (all == null) {
            List<NodeInfo> list = new ArrayList<>();
            try {
                nodes.immutableEntries().forEach(e -> list.add(e.getValue()));
            } catch (Exception e) {
                throw new IllegalStateException("broadcast state access failed", e);
            }
            all = list;
        }
        return all;
    }

    @Override
    public CapacityView capacity() {
        return capacityView;
    }

    @Override
    public void booked(NodeInfo node, long orderTime) {
        capacity.book(node, orderTime);
    }

    @Override
    public long nowMillis() {
        return System.currentTimeMillis();
    }
}

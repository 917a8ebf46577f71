package io.omnistock.engine.functions;

import io.omnistock.avro.RoutingDecision;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.orders.OrderRouting;
import io.omnistock.domain.orders.OrderValidator;
import io.omnistock.domain.planning.Router;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.domain.quotes.DeliveryOptions;
import io.omnistock.domain.quotes.DeliveryQuotes;
import io.omnistock.domain.quotes.QuoteSettings;
import io.omnistock.domain.quotes.QuoteValidator;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.orders.OrderState;
import io.omnistock.ledger.domain.quotes.QuoteState;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Routes orders and answers delivery-options quotes (docs/design.md section 4), in one keyed
 * operator: orders keyed by order id, quotes by the request's event id. A thin dispatcher: {@link
 * OrderHandler} handles orders, their lifecycle events and the ledger's replies ({@link
 * OrderRouting} holds the rules); {@link QuoteHandler} handles quotes and the ledger's QUOTED
 * replies ({@link DeliveryQuotes}). Both plan with the same router and see the network through one
 * {@link RoutingNetworkState}: node reference data (broadcast) and this subtask's share of the
 * nodes' daily capacity. Timers tell the roles apart by domain: event time for orders, processing
 * time for quotes.
 */
public class RouteOrderFunction
        extends KeyedBroadcastProcessFunction<
                String, SourcedEvent, RoutingReference, RoutingDecision>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    /** Savepoint contracts: never rename. */
    static final ValueStateDescriptor<OrderState> ORDERS =
            new ValueStateDescriptor<>("orders", TypeInformation.of(OrderState.class));

    static final MapStateDescriptor<String, SourcedEvent> HELD =
            new MapStateDescriptor<>(
                    "held-records", Types.STRING, TypeInformation.of(SourcedEvent.class));
    static final ListStateDescriptor<Tuple2<String, Long>> CAPACITY =
            new ListStateDescriptor<>("daily-capacity", Types.TUPLE(Types.STRING, Types.LONG));
    static final ValueStateDescriptor<QuoteState> QUOTES =
            new ValueStateDescriptor<>("quotes", TypeInformation.of(QuoteState.class));

    /**
     * The sourcing rule set in force, by rule-set id (broadcast; the probes keep the same state to
     * know whether the single-SKU fast path may be taken). Savepoint contract: never rename.
     */
    public static final MapStateDescriptor<String, RuleSetText> SOURCING_RULES =
            new MapStateDescriptor<>(
                    "sourcing-rules", Types.STRING, TypeInformation.of(RuleSetText.class));

    private final RoutingPolicy policy;
    private final LedgerSettings settings;
    private final int maxAttempts;
    private final long retentionMillis;
    private final QuoteSettings quoteSettings;
    private final long quoteTimeoutMillis;

    private transient ListState<Tuple2<String, Long>> capacityState;
    private transient RoutingNetworkState network;
    private transient OrderHandler orderHandler;
    private transient QuoteHandler quoteHandler;

    public RouteOrderFunction(
            RoutingPolicy policy, LedgerSettings settings, int maxAttempts, Duration retention) {
        this(
                policy,
                settings,
                maxAttempts,
                retention,
                QuoteSettings.defaults(),
                Duration.ofSeconds(10));
    }

    public RouteOrderFunction(
            RoutingPolicy policy,
            LedgerSettings settings,
            int maxAttempts,
            Duration retention,
            QuoteSettings quoteSettings,
            Duration quoteTimeout) {
        this.policy = policy;
        this.settings = settings;
        this.maxAttempts = maxAttempts;
        this.retentionMillis = retention.toMillis();
        this.quoteSettings = quoteSettings;
        this.quoteTimeoutMillis = quoteTimeout.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        CarbonFactorTable carbon = CarbonFactorTable.loadDefault();
        Router router = new Router(policy, carbon);
        network.useRouter(router, carbon);
        LedgerMetrics.Count processed =
                new LedgerMetrics.Count(getRuntimeContext(), LedgerMetrics.PROCESSED);
        LedgerMetrics.Count deadLettered =
                new LedgerMetrics.Count(getRuntimeContext(), LedgerMetrics.DEAD_LETTERED);
        LedgerMetrics.Count decisions =
                new LedgerMetrics.Count(getRuntimeContext(), LedgerMetrics.DECISIONS);
        MapState<String, SourcedEvent> held = getRuntimeContext().getMapState(HELD);
        orderHandler =
                new OrderHandler(
                        new OrderRouting(router, new OrderValidator(settings), maxAttempts),
                        retentionMillis,
                        getRuntimeContext().getState(ORDERS),
                        held,
                        network,
                        new OrderRoutingOutput(held, processed, deadLettered, decisions),
                        processed,
                        deadLettered);
        quoteHandler =
                new QuoteHandler(
                        new DeliveryQuotes(
                                new DeliveryOptions(router, quoteSettings),
                                new QuoteValidator(settings)),
                        quoteTimeoutMillis,
                        getRuntimeContext().getState(QUOTES),
                        network,
                        processed);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        capacityState = context.getOperatorStateStore().getUnionListState(CAPACITY);
        network = new RoutingNetworkState();
        network.restore(
                capacityState, getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        network.snapshot(capacityState);
    }

    @Override
    public void processElement(SourcedEvent in, ReadOnlyContext ctx, Collector<RoutingDecision> out)
            throws Exception {
        network.bindRules(ctx.getBroadcastState(SOURCING_RULES));
        if (QuoteHandler.handles(in)) {
            quoteHandler.onRecord(in, ctx);
        } else {
            orderHandler.onRecord(in, ctx, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RoutingDecision> out)
            throws Exception {
        network.bindRules(ctx.getBroadcastState(SOURCING_RULES));
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) { // only quotes use processing time
            quoteHandler.onTimeout(ctx);
        } else {
            orderHandler.onTimer(timestamp, ctx, out);
        }
    }

    @Override
    public void processBroadcastElement(
            RoutingReference reference, Context ctx, Collector<RoutingDecision> out)
            throws Exception {
        if (reference.rules != null) { // read already: in force from the next record on
            ctx.getBroadcastState(SOURCING_RULES).put(reference.rules.ruleSetId, reference.rules);
            return;
        }
        NodeInfo node = reference.node;
        NodeInfo previous =
                ctx.getBroadcastState(ApplyInventoryEventFunction.NODES).get(node.nodeId);
        if (previous == null || previous.updatedAt <= node.updatedAt) {
            ctx.getBroadcastState(ApplyInventoryEventFunction.NODES).put(node.nodeId, node);
            network.invalidate();
        }
    }
}

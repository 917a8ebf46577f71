package io.omnistock.engine.functions;

import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.inventory.Rejection;
import io.omnistock.domain.orders.DailyCapacity;
import io.omnistock.domain.orders.OrderRouting;
import io.omnistock.domain.orders.OrderValidator;
import io.omnistock.domain.planning.CapacityView;
import io.omnistock.domain.planning.Router;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.domain.quotes.DeliveryOptions;
import io.omnistock.domain.quotes.DeliveryQuotes;
import io.omnistock.domain.quotes.QuoteSettings;
import io.omnistock.domain.quotes.QuoteValidator;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import io.omnistock.ledger.domain.orders.OrderState;
import io.omnistock.ledger.domain.quotes.QuoteState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
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
 * Routes orders (docs/design.md section 4), keyed by order id. Thin: {@link OrderRouting} holds the
 * rules; this function keeps each order's state, node reference data (broadcast) and this subtask's
 * share of the nodes' daily capacity, sends reservation requests to the ledger through {@link
 * LedgerOutputs#RESERVATION_REQUESTS}, and dead-letters rejected orders and lifecycle events with
 * their original bytes. It also answers delivery-options quotes ({@link DeliveryQuotes}, keyed by
 * the request's event id) on {@link LedgerOutputs#QUOTE_RESPONSES}, with the same router, node data
 * and capacity view as orders; a quote's state lives until its response is out and its last probe
 * answered, and a processing-time timer answers (TIMED_OUT) and forgets a quote left waiting.
 */
public class RouteOrderFunction
        extends KeyedBroadcastProcessFunction<String, SourcedEvent, NodeInfo, RoutingDecision>
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

    private final RoutingPolicy policy;
    private final LedgerSettings settings;
    private final int maxAttempts;
    private final long retentionMillis;
    private final QuoteSettings quoteSettings;
    private final long quoteTimeoutMillis;

    private transient OrderRouting routing;
    private transient DeliveryQuotes quoting;
    private transient ValueState<QuoteState> quotes;
    private transient QuoteEmitter quoteEmitter;
    private transient ValueState<OrderState> orders;
    private transient MapState<String, SourcedEvent> held;
    private transient ListState<Tuple2<String, Long>> capacityState;
    private transient DailyCapacity capacity;
    private transient NetworkView network;
    private transient Emitter emitter;

    private transient LedgerMetrics.Count processed;
    private transient LedgerMetrics.Count deadLettered;
    private transient LedgerMetrics.Count decisions;

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
        Router router = new Router(policy, CarbonFactorTable.loadDefault());
        routing = new OrderRouting(router, new OrderValidator(settings), maxAttempts);
        quoting =
                new DeliveryQuotes(
                        new DeliveryOptions(router, quoteSettings), new QuoteValidator(settings));
        quotes = getRuntimeContext().getState(QUOTES);
        quoteEmitter = new QuoteEmitter();
        orders = getRuntimeContext().getState(ORDERS);
        held = getRuntimeContext().getMapState(HELD);
        network = new NetworkView();
        emitter = new Emitter();
        processed = new LedgerMetrics.Count(getRuntimeContext(), LedgerMetrics.PROCESSED);
        deadLettered = new LedgerMetrics.Count(getRuntimeContext(), LedgerMetrics.DEAD_LETTERED);
        decisions = new LedgerMetrics.Count(getRuntimeContext(), LedgerMetrics.DECISIONS);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        capacityState = context.getOperatorStateStore().getUnionListState(CAPACITY);
        capacity = new DailyCapacity();
        capacity.setParallelism(getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
        Map<String, Long> all = new HashMap<>();
        for (Tuple2<String, Long> entry : capacityState.get()) {
            all.merge(entry.f0, entry.f1, Long::sum);
        }
        capacity.restore(all);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<Tuple2<String, Long>> entries = new ArrayList<>();
        capacity.snapshot().forEach((nodeDay, n) -> entries.add(Tuple2.of(nodeDay, n)));
        capacityState.update(entries);
    }

    @Override
    public void processElement(SourcedEvent in, ReadOnlyContext ctx, Collector<RoutingDecision> out)
            throws Exception {
        if (in.quote != null || (in.reply != null && in.reply.kind == StockReply.Kind.QUOTED)) {
            quote(in, ctx);
            return;
        }
        OrderState s = orders.value();
        if (s == null) {
            s = new OrderState();
        }
        OrderRequest order = in.order != null ? in.order : s.order;
        network.bind(
                ctx.getBroadcastState(ApplyInventoryEventFunction.NODES),
                order == null ? 0 : order.getEventTime().toEpochMilli());
        emitter.bind(in, ctx, out);
        if (in.order != null) {
            boolean fresh = s.phase == null;
            count(routing.onOrder(in.order, s, network, emitter));
            if (fresh && s.phase != null) {
                ctx.timerService()
                        .registerEventTimeTimer(
                                in.order.getEventTime().toEpochMilli() + retentionMillis);
            }
            hold(in, in.order.getEventId(), s);
        } else if (in.lifecycle != null) {
            boolean unknownOrder = s.phase == null;
            OrderRouting.Outcome outcome = routing.onLifecycle(in.lifecycle, s, emitter);
            count(outcome);
            hold(in, in.lifecycle.getEventId(), s);
            if (unknownOrder && outcome == OrderRouting.Outcome.ACCEPTED) {
                // The order may still come, on its own topic: wait until the watermark passes
                // the event's time (the order is older), or decide now if it already has.
                long time = in.lifecycle.getEventTime().toEpochMilli();
                long watermark = ctx.timerService().currentWatermark();
                if (time <= watermark) {
                    emitter.bind(null, ctx, out); // a held record, counted as processed so far
                    routing.onTimer(s, watermark, retentionMillis, emitter);
                } else {
                    ctx.timerService().registerEventTimeTimer(time);
                }
            }
        } else {
            routing.onReply(in.reply, s, network, emitter);
        }
        releaseHeld(s);
        if (s.isEmpty()) {
            orders.clear();
        } else {
            orders.update(s);
        }
    }

    private void quote(SourcedEvent in, ReadOnlyContext ctx) throws Exception {
        QuoteState s = quotes.value();
        if (s == null) {
            s = new QuoteState();
        }
        long quoteTime =
                in.quote != null
                        ? in.quote.getEventTime().toEpochMilli()
                        : s.quote != null
                                ? s.quote.getEventTime().toEpochMilli()
                                : in.reply.eventTime;
        network.bind(ctx.getBroadcastState(ApplyInventoryEventFunction.NODES), quoteTime);
        quoteEmitter.bind(ctx);
        boolean done;
        if (in.quote != null) {
            processed.inc();
            done = quoting.onQuote(in.quote, s, network, quoteEmitter);
        } else {
            done = quoting.onReply(in.reply, s, network, quoteEmitter);
        }
        if (done) {
            if (s.timeoutAt != 0) {
                ctx.timerService().deleteProcessingTimeTimer(s.timeoutAt);
            }
            quotes.clear();
        } else {
            if (s.timeoutAt == 0) {
                s.timeoutAt = ctx.timerService().currentProcessingTime() + quoteTimeoutMillis;
                ctx.timerService().registerProcessingTimeTimer(s.timeoutAt);
            }
            quotes.update(s);
        }
    }

    private void count(OrderRouting.Outcome outcome) {
        (outcome == OrderRouting.Outcome.REJECTED ? deadLettered : processed).inc();
    }

    /** Keeps an input record while the rules may still reject it (e.g. an unknown SKU). */
    private void hold(SourcedEvent in, String eventId, OrderState s) throws Exception {
        if (s.mayReject(eventId) && !s.held.contains(eventId)) {
            held.put(eventId, in);
            s.held.add(eventId);
        }
    }

    private void releaseHeld(OrderState s) throws Exception {
        for (int i = s.held.size() - 1; i >= 0; i--) {
            String eventId = s.held.get(i);
            if (!s.mayReject(eventId)) {
                held.remove(eventId);
                s.held.remove(i);
            }
        }
    }

    /**
     * Rejects a lifecycle event whose order never came, and forgets an order (releasing what it
     * still holds) a retention period after it was placed.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RoutingDecision> out)
            throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) { // only quotes use processing time
            QuoteState q = quotes.value();
            if (q != null) {
                quoteEmitter.bind(ctx);
                quoting.onTimeout(q, quoteEmitter);
                quotes.clear();
            }
            return;
        }
        OrderState s = orders.value();
        if (s == null) {
            return;
        }
        emitter.bind(null, ctx, out);
        if (routing.onTimer(s, timestamp, retentionMillis, emitter)) {
            orders.clear();
            held.clear();
        } else {
            releaseHeld(s);
            orders.update(s);
        }
    }

    @Override
    public void processBroadcastElement(NodeInfo node, Context ctx, Collector<RoutingDecision> out)
            throws Exception {
        NodeInfo previous =
                ctx.getBroadcastState(ApplyInventoryEventFunction.NODES).get(node.nodeId);
        if (previous == null || previous.updatedAt <= node.updatedAt) {
            ctx.getBroadcastState(ApplyInventoryEventFunction.NODES).put(node.nodeId, node);
            network.invalidate();
        }
    }

    /** The broadcast node data and this subtask's capacity, as routing sees them. */
    private final class NetworkView implements OrderRouting.Network {
        private ReadOnlyBroadcastState<String, NodeInfo> nodes;
        private List<NodeInfo> all;
        private long orderTime;
        private final CapacityView capacityView = node -> capacity.hasCapacity(node, orderTime);

        /** Binds the node data and the time of the order in hand (its capacity day). */
        void bind(ReadOnlyBroadcastState<String, NodeInfo> nodes, long orderTime) {
            this.nodes = nodes;
            this.orderTime = orderTime;
        }

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

    /** Sends quote responses to their side output. */
    private static final class QuoteEmitter implements DeliveryQuotes.Output {
        private ReadOnlyContext ctx;

        void bind(ReadOnlyContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void response(QuoteResponse response) {
            ctx.output(LedgerOutputs.QUOTE_RESPONSES, response);
        }
    }

    /** Turns routing's facts into decisions, reservation requests and dead letters. */
    private final class Emitter implements OrderRouting.Output {
        private SourcedEvent current;
        private ReadOnlyContext ctx;
        private Collector<RoutingDecision> out;

        void bind(SourcedEvent current, ReadOnlyContext ctx, Collector<RoutingDecision> out) {
            this.current = current;
            this.ctx = ctx;
            this.out = out;
        }

        @Override
        public void request(StockRequest request) {
            ctx.output(
                    LedgerOutputs.RESERVATION_REQUESTS,
                    InventoryEventMapper.toReservation(request));
        }

        @Override
        public void decision(RoutingDecision decision) {
            decisions.inc();
            out.collect(decision);
        }

        @Override
        public void rejected(String eventId, Rejection rejection) {
            SourcedEvent record = current;
            try {
                if (current == null || !isRecord(current, eventId)) {
                    record = held.get(eventId);
                    // counted as processed when it arrived: it is dead-lettered instead
                    processed.dec();
                    deadLettered.inc();
                }
            } catch (Exception e) {
                throw new IllegalStateException("state access failed", e);
            }
            if (record != null) {
                ctx.output(
                        LedgerOutputs.DEAD_LETTERS,
                        record.toDeadLetter(rejection.reason(), rejection.message()));
            }
        }

        private boolean isRecord(SourcedEvent in, String eventId) {
            return (in.order != null && in.order.getEventId().equals(eventId))
                    || (in.lifecycle != null && in.lifecycle.getEventId().equals(eventId));
        }
    }
}

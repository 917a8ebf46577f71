package io.omnistock.engine.functions;

import io.omnistock.avro.AlertType;
import io.omnistock.avro.Availability;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.forecast.Forecast;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.inventory.NetworkTotals;
import io.omnistock.domain.inventory.Position;
import io.omnistock.domain.inventory.Rejection;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.domain.planning.Router;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.domain.returns.Returns;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.Reservation;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import io.omnistock.ledger.functions.serialization.PositionSerializer;
import io.omnistock.ledger.functions.serialization.SkuSummarySerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The single keyed owner of each SKU's positions (docs/design.md section 3). Thin: the rules live
 * in {@link SkuLedger}; this function keeps the state in the state backend, feeds node reference
 * data from the broadcast side, holds events for a not-yet-known node for a short grace period, and
 * expires dedupe entries and delta buffers by watermark.
 */
public class ApplyInventoryEventFunction
        extends KeyedBroadcastProcessFunction<String, SourcedEvent, NodeInfo, Availability>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    /** Broadcast state: node id -> latest reference data. A savepoint contract: never rename. */
    public static final MapStateDescriptor<String, NodeInfo> NODES =
            new MapStateDescriptor<>("nodes", Types.STRING, TypeInformation.of(NodeInfo.class));

    static final MapStateDescriptor<String, Position> POSITIONS =
            new MapStateDescriptor<>(
                    "positions", StringSerializer.INSTANCE, PositionSerializer.INSTANCE);
    static final ValueStateDescriptor<SkuSummary> SUMMARY =
            new ValueStateDescriptor<>("sku-summary", SkuSummarySerializer.INSTANCE);
    static final MapStateDescriptor<String, Long> SEEN =
            new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.LONG);
    static final MapStateDescriptor<String, Reservation> RESERVATIONS =
            new MapStateDescriptor<>(
                    "reservations", Types.STRING, TypeInformation.of(Reservation.class));
    static final ListStateDescriptor<SourcedEvent> PENDING =
            new ListStateDescriptor<>(
                    "pending-unknown-node", TypeInformation.of(SourcedEvent.class));

    /** Operator state: how many times this ledger has been restored. A savepoint contract. */
    static final ListStateDescriptor<Long> GENERATION =
            new ListStateDescriptor<>("restore-generation", Types.LONG);

    private static final long EXPIRY_BUCKET_MILLIS = Duration.ofHours(1).toMillis();

    private final LedgerSettings settings;
    private final Returns returns;
    private final long unknownNodeGraceMillis;
    private final int summaryCacheEntries;
    private final RoutingPolicy routingPolicy;

    private transient SkuLedger ledger;
    private transient SkuKeyedState state;
    private transient Emitter emitter;
    private transient ListState<Long> generationState;
    private transient long generation;

    private transient LedgerMetrics.Count processed;
    private transient LedgerMetrics.Count deadLettered;
    private transient LedgerMetrics.Count applied;
    private transient LedgerMetrics.Count duplicates;
    private transient LedgerMetrics.Count staleCounts;
    private transient LedgerMetrics.Count supersededDeltas;
    private transient LedgerMetrics.Count staleRevisions;
    private transient LedgerMetrics.Count discrepancies;
    private transient LedgerMetrics.Count availabilityUpdates;
    private transient LedgerMetrics.Count returnsTriaged;
    private transient LedgerMetrics.Count notRestocked;
    private transient LedgerMetrics.Count stateReads;
    private transient LedgerMetrics.Count stateWrites;
    private transient LedgerMetrics.Count timersRegistered;

    public ApplyInventoryEventFunction(
            LedgerSettings settings,
            Returns returns,
            Duration unknownNodeGrace,
            int summaryCacheEntries) {
        this(settings, returns, unknownNodeGrace, summaryCacheEntries, null);
    }

    /** With the single-SKU fast path planning under {@code routingPolicy} (null: none). */
    public ApplyInventoryEventFunction(
            LedgerSettings settings,
            Returns returns,
            Duration unknownNodeGrace,
            int summaryCacheEntries,
            RoutingPolicy routingPolicy) {
        this.settings = settings;
        this.returns = returns;
        this.unknownNodeGraceMillis = unknownNodeGrace.toMillis();
        this.summaryCacheEntries = summaryCacheEntries;
        this.routingPolicy = routingPolicy;
    }

    @Override
    public void open(OpenContext openContext) {
        ledger =
                new SkuLedger(
                        settings,
                        returns,
                        routingPolicy == null
                                ? null
                                : new Router(routingPolicy, CarbonFactorTable.loadDefault()));
        ledger.setParallelism(getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
        emitter = new Emitter();

        processed = count(LedgerMetrics.PROCESSED);
        deadLettered = count(LedgerMetrics.DEAD_LETTERED);
        applied = count(LedgerMetrics.APPLIED);
        duplicates = count(LedgerMetrics.DUPLICATES);
        staleCounts = count(LedgerMetrics.STALE_COUNTS);
        supersededDeltas = count(LedgerMetrics.SUPERSEDED_DELTAS);
        staleRevisions = count(LedgerMetrics.STALE_REVISIONS);
        discrepancies = count(LedgerMetrics.DISCREPANCIES);
        availabilityUpdates = count(LedgerMetrics.AVAILABILITY_UPDATES);
        returnsTriaged = count(LedgerMetrics.RETURNS_TRIAGED);
        notRestocked = count(LedgerMetrics.RETURNS_NOT_RESTOCKED);
        stateReads = count(LedgerMetrics.STATE_READS);
        stateWrites = count(LedgerMetrics.STATE_WRITES);
        timersRegistered = count(LedgerMetrics.TIMERS_REGISTERED);
        state =
                new SkuKeyedState(
                        getRuntimeContext().getMapState(POSITIONS),
                        getRuntimeContext().getState(SUMMARY),
                        getRuntimeContext().getMapState(SEEN),
                        getRuntimeContext().getMapState(RESERVATIONS),
                        getRuntimeContext().getListState(PENDING),
                        new SkuSummaryCache(summaryCacheEntries),
                        stateReads,
                        stateWrites);
    }

    /**
     * Every restore or restart starts a new generation. Published versions carry it in their high
     * bits, so a record published after a failure outranks any published before it: with
     * at-least-once delivery, records emitted after the last checkpoint (or before the first one)
     * are replayed in a possibly different interleaving of partitions, and must not win over the
     * replay. Restoring a checkpoint or savepoint bumps the restored generation; a task restarted
     * with no checkpoint yet has a higher attempt number.
     */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        generationState = context.getOperatorStateStore().getUnionListState(GENERATION);
        long restored = -1;
        for (Long previous : generationState.get()) {
            restored = Math.max(restored, previous);
        }
        int attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
        generation = Math.max(restored + 1, attempt);
        generationState.update(List.of(generation));
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        generationState.update(List.of(generation));
    }

    private LedgerMetrics.Count count(String name) {
        return new LedgerMetrics.Count(getRuntimeContext(), name);
    }

    @Override
    public void processElement(SourcedEvent in, ReadOnlyContext ctx, Collector<Availability> out)
            throws Exception {
        SkuSummary summary = state.load(ctx.getCurrentKey());
        state.nodes = ctx.getBroadcastState(NODES); // one lookup per record: it is on the hot path
        if (in.request != null) {
            emitter.bind(in, ctx, out);
            if (in.request.action == StockRequest.Action.ROUTE) { // a single-SKU order, in the job
                ledger.route(
                        in.request,
                        in.order,
                        nodeList(state.nodes),
                        System.currentTimeMillis(),
                        state,
                        emitter);
                scheduleExpiry(in.request.eventTime, ctx.timerService()); // its grant's dedupe
                state.store();
                return;
            }
            SkuLedger.Outcome outcome = ledger.handle(in.request, state, emitter);
            if (in.fromKafka()) { // probes are made in the job: not input records
                processed.inc();
                (outcome == SkuLedger.Outcome.DUPLICATE ? duplicates : applied).inc();
                if (outcome != SkuLedger.Outcome.DUPLICATE) { // its dedupe entry expires
                    scheduleExpiry(in.request.eventTime, ctx.timerService());
                }
            }
        } else {
            NodeInfo node = state.nodes.get(in.event.nodeId);
            if (node == null) {
                // Reference data and events race at start-up: give the node a moment to arrive.
                state.hold(in);
                timersRegistered.inc();
                ctx.timerService()
                        .registerProcessingTimeTimer(
                                ctx.timerService().currentProcessingTime()
                                        + unknownNodeGraceMillis);
            } else if (summary.heldEvents > 0) {
                // queue behind the held events: a VOID must not overtake its sale
                state.hold(in);
            } else {
                apply(in, node, ctx, out);
            }
        }
        state.store();
    }

    private static List<NodeInfo> nodeList(ReadOnlyBroadcastState<String, NodeInfo> nodes)
            throws Exception {
        List<NodeInfo> all = new ArrayList<>();
        for (Map.Entry<String, NodeInfo> entry : nodes.immutableEntries()) {
            all.add(entry.getValue());
        }
        return all;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Availability> out)
            throws Exception {
        state.load(ctx.getCurrentKey());
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            releasePending(ctx, out);
        } else {
            expire(ctx);
        }
        state.store();
    }

    @Override
    public void processBroadcastElement(NodeInfo node, Context ctx, Collector<Availability> out)
            throws Exception {
        NodeInfo previous = ctx.getBroadcastState(NODES).get(node.nodeId);
        if (previous != null && previous.updatedAt > node.updatedAt) {
            return; // an older record of this node: the latest wins
        }
        ctx.getBroadcastState(NODES).put(node.nodeId, node);
        if (previous != null
                && (previous.status != node.status
                        || previous.type != node.type
                        || previous.safetyStock != node.safetyStock)) {
            String cause = "node:" + node.nodeId + '@' + node.updatedAt;
            emitter.bindBroadcast(ctx, out);
            state.nodes = ctx.getBroadcastState(NODES);
            ctx.applyToKeyedState(
                    POSITIONS,
                    (sku, unused) -> {
                        state.load(sku);
                        ledger.nodeChanged(sku, node, node.updatedAt, cause, state, emitter);
                        state.store();
                    });
        }
    }

    private void apply(
            SourcedEvent in, NodeInfo node, ReadOnlyContext ctx, Collector<Availability> out) {
        emitter.bind(in, ctx, out);
        SkuLedger.Outcome outcome =
                ledger.apply(
                        in.event,
                        node,
                        System.currentTimeMillis(),
                        ctx.currentWatermark(),
                        state,
                        emitter);
        switch (outcome) {
            case REJECTED -> {
                deadLettered.inc();
                return;
            }
            case APPLIED -> applied.inc();
            case DUPLICATE -> duplicates.inc();
            case STALE_COUNT -> staleCounts.inc();
            case SUPERSEDED_BY_COUNT -> supersededDeltas.inc();
            case STALE_REVISION -> staleRevisions.inc();
            case NOT_RESTOCKED -> notRestocked.inc();
        }
        processed.inc();
        if (outcome != SkuLedger.Outcome.DUPLICATE) {
            scheduleExpiry(in.event.eventTime, ctx.timerService());
        }
    }

    /**
     * Makes sure an expiry timer fires for what an event at {@code eventTime} left behind: one
     * registered no later is enough, as each expiry registers the next. Most events register
     * nothing, sparing a timer write per event.
     */
    private void scheduleExpiry(long eventTime, TimerService timers) {
        long timer = expiryTimer(eventTime);
        SkuSummary summary = state.summary;
        if (timer < summary.expiryTimer) {
            timers.registerEventTimeTimer(timer);
            timersRegistered.inc();
            summary.expiryTimer = timer;
            state.changed();
        }
    }

    private void releasePending(OnTimerContext ctx, Collector<Availability> out) throws Exception {
        List<SourcedEvent> held = state.takeHeld();
        state.nodes = ctx.getBroadcastState(NODES);
        for (SourcedEvent in : held) {
            apply(in, state.nodes.get(in.event.nodeId), ctx, out); // still unknown: UNKNOWN_NODE
        }
    }

    /**
     * Forgets dedupe ids, buffered deltas and received ASNs older than the horizon behind the
     * watermark.
     */
    private void expire(OnTimerContext ctx) throws Exception {
        long cutoff = ctx.timerService().currentWatermark() - settings.horizonMillis();
        long earliestLeft = state.expire(cutoff);
        state.summary.expiryTimer = SkuSummary.NO_TIMER; // this one fired
        state.changed();
        if (earliestLeft != Position.NO_DELTA) {
            scheduleExpiry(earliestLeft, ctx.timerService());
        }
    }

    /** Expiry timers fire on the hour after time + horizon: at most one timer per SKU per hour. */
    private long expiryTimer(long eventTime) {
        long due = eventTime + settings.horizonMillis();
        return due - Math.floorMod(due, EXPIRY_BUCKET_MILLIS) + EXPIRY_BUCKET_MILLIS;
    }

    /** Turns the ledger's facts into records on the main and side outputs. */
    private final class Emitter implements SkuLedger.Output {
        private SourcedEvent current;
        private ReadOnlyContext keyedContext;
        private Context broadcastContext;
        private Collector<Availability> out;

        void bind(SourcedEvent current, ReadOnlyContext ctx, Collector<Availability> out) {
            this.current = current;
            this.keyedContext = ctx;
            this.broadcastContext = null;
            this.out = out;
        }

        void bindBroadcast(Context ctx, Collector<Availability> out) {
            this.current = null;
            this.keyedContext = null;
            this.broadcastContext = ctx;
            this.out = out;
        }

        private <X> void output(OutputTag<X> tag, X value) {
            if (keyedContext != null) {
                keyedContext.output(tag, value);
            } else {
                broadcastContext.output(tag, value);
            }
        }

        @Override
        public void availability(
                String sku,
                String nodeId,
                Position position,
                NodeInfo node,
                long eventTime,
                SourceSystem source,
                String causeEventId,
                Forecast forecast) {
            availabilityUpdates.inc();
            out.collect(
                    LedgerRecords.availability(
                            sku,
                            nodeId,
                            position,
                            node,
                            eventTime,
                            source,
                            causeEventId,
                            forecast,
                            generation));
        }

        @Override
        public void network(String sku, NetworkTotals totals, long eventTime) {
            output(
                    LedgerOutputs.NETWORK,
                    LedgerRecords.network(sku, totals, eventTime, generation));
        }

        @Override
        public void discrepancy(
                String sku, String nodeId, long expected, long counted, InventoryEvent count) {
            discrepancies.inc();
            output(
                    LedgerOutputs.DISCREPANCIES,
                    LedgerRecords.discrepancy(sku, nodeId, expected, counted, count));
        }

        @Override
        public void countCompared(InventoryEvent count, NodeInfo node, boolean matched) {
            output(LedgerOutputs.COUNT_CHECKS, LedgerRecords.countCheck(count, node, matched));
        }

        @Override
        public void alert(
                String sku,
                String nodeId,
                AlertType type,
                long previousAtp,
                long atp,
                long threshold,
                long eventTime,
                long version) {
            output(
                    LedgerOutputs.ALERTS,
                    LedgerRecords.alert(
                            sku, nodeId, type, previousAtp, atp, threshold, eventTime, version));
        }

        @Override
        public void projectedStockout(
                String sku,
                String nodeId,
                long atp,
                Forecast forecast,
                long leadTimeMillis,
                long eventTime,
                long version) {
            output(
                    LedgerOutputs.ALERTS,
                    LedgerRecords.projectedStockout(
                            sku, nodeId, atp, forecast, leadTimeMillis, eventTime, version));
        }

        @Override
        public void rejected(InventoryEvent event, Rejection rejection) {
            output(
                    LedgerOutputs.DEAD_LETTERS,
                    current.toDeadLetter(rejection.reason(), rejection.message()));
        }

        @Override
        public void reply(StockReply reply) {
            output(LedgerOutputs.STOCK_REPLIES, SourcedEvent.of(reply));
        }

        @Override
        public void returned(ReturnDisposition disposition) {
            returnsTriaged.inc();
            output(LedgerOutputs.RETURN_DISPOSITIONS, disposition);
        }
    }
}

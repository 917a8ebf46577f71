package io.omnistock.engine.functions;

import io.omnistock.avro.Availability;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.channels.Channel;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.inventory.Position;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.domain.planning.Router;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.domain.returns.Returns;
import io.omnistock.domain.safety.SafetyStockRule;
import io.omnistock.domain.safety.SkuReference;
import io.omnistock.ledger.domain.Hold;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.Reservation;
import io.omnistock.ledger.functions.serialization.PositionSerializer;
import io.omnistock.ledger.functions.serialization.SkuSummarySerializer;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The single keyed owner of each SKU's positions (docs/design.md section 3). A thin dispatcher: the
 * rules live in {@link SkuLedger}; {@link SkuKeyedState} keeps the SKU's state in the state backend
 * and {@link SkuLedgerOutput} turns the ledger's facts into records. Each role has its handler:
 * {@link InventoryEventHandler} (inventory events and returns), {@link StockRequestHandler}
 * (routing's reservation loop, its probes and quotes, and the single-SKU fast path), {@link
 * NodeChangeHandler} (node reference data from the broadcast side), {@link HeldRecords} (events for
 * a not-yet-known node and orders' requests for a not-yet-known SKU, held for a grace period:
 * processing-time timers), {@link ExpirySchedule} (dedupe entries and delta buffers expired by
 * watermark, and count checks settled by it: event-time timers) and {@link SafetyStockHandler} (SKU
 * records and safety-stock rules: the SKU's own on the keyed side, the category and node-type rules
 * on the broadcast side) and {@link HoldHandler} (cart and checkout holds, expired on the wall
 * clock: processing-time timers at odd milliseconds), {@link ChannelHandler} (sales channels,
 * broadcast; their available to sell is published with each changed position by {@link
 * ChannelAvailabilityPublisher} and bounds the orders, quotes and holds naming them).
 */
public class ApplyInventoryEventFunction
        extends KeyedBroadcastProcessFunction<String, SourcedEvent, SourcedEvent, Availability>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    /** Broadcast state: node id -> latest reference data. A savepoint contract: never rename. */
    public static final MapStateDescriptor<String, NodeInfo> NODES =
            new MapStateDescriptor<>("nodes", Types.STRING, TypeInformation.of(NodeInfo.class));

    /**
     * Broadcast state: scope id -> the latest version of each rule naming no SKU
     * (CATEGORY_NODE_TYPE, CATEGORY, NODE_TYPE), retracted ones included. A savepoint contract:
     * never rename.
     */
    public static final MapStateDescriptor<String, SafetyStockRule> SAFETY_STOCK_RULES =
            new MapStateDescriptor<>(
                    "safety-stock-rules", Types.STRING, TypeInformation.of(SafetyStockRule.class));

    /**
     * Broadcast state: channel id -> the latest version of each sales channel (reference.channels),
     * removed ones included. A savepoint contract: never rename.
     */
    public static final MapStateDescriptor<String, Channel> CHANNELS =
            new MapStateDescriptor<>("channels", Types.STRING, TypeInformation.of(Channel.class));

    /** Every broadcast state of the ledger, in the order its reference stream is broadcast with. */
    public static final MapStateDescriptor<?, ?>[] BROADCAST_STATES = {
        NODES, SAFETY_STOCK_RULES, CHANNELS
    };

    /**
     * The SKU's category and its own safety-stock rules (SKU, SKU_NODE). A savepoint contract:
     * never rename.
     */
    static final ValueStateDescriptor<SkuReference> SKU_REFERENCE =
            new ValueStateDescriptor<>("sku-reference", TypeInformation.of(SkuReference.class));

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

    /**
     * The SKU's standing cart and checkout holds, by hold id ({@link HoldHandler}). A savepoint
     * contract: never rename.
     */
    static final MapStateDescriptor<String, Hold> HOLDS =
            new MapStateDescriptor<>("holds", Types.STRING, TypeInformation.of(Hold.class));

    /** Records held by {@link HeldRecords}. A savepoint contract: never rename. */
    static final ListStateDescriptor<SourcedEvent> PENDING =
            new ListStateDescriptor<>(
                    "pending-unknown-node", TypeInformation.of(SourcedEvent.class));

    /** Operator state: how many times this ledger has been restored. A savepoint contract. */
    static final ListStateDescriptor<Long> GENERATION =
            new ListStateDescriptor<>("restore-generation", Types.LONG);

    private final LedgerSettings settings;
    private final Returns returns;
    private final HoldPeriods holdPeriods;
    private final int summaryCacheEntries;
    private final RoutingPolicy routingPolicy;

    private transient SkuKeyedState state;
    private transient ExpirySchedule expiry;
    private transient InventoryEventHandler events;
    private transient StockRequestHandler requests;
    private transient NodeChangeHandler nodeChanges;
    private transient HeldRecords held;
    private transient SafetyStockHandler safetyStock;
    private transient ChannelHandler channels;
    private transient HoldHandler holds;
    private transient ListState<Long> generationState;
    private transient long generation;

    public ApplyInventoryEventFunction(
            LedgerSettings settings,
            Returns returns,
            HoldPeriods holdPeriods,
            int summaryCacheEntries) {
        this(settings, returns, holdPeriods, summaryCacheEntries, null);
    }

    /** With the single-SKU fast path planning under {@code routingPolicy} (null: none). */
    public ApplyInventoryEventFunction(
            LedgerSettings settings,
            Returns returns,
            HoldPeriods holdPeriods,
            int summaryCacheEntries,
            RoutingPolicy routingPolicy) {
        this.settings = settings;
        this.returns = returns;
        this.holdPeriods = holdPeriods;
        this.summaryCacheEntries = summaryCacheEntries;
        this.routingPolicy = routingPolicy;
    }

    @Override
    public void open(OpenContext openContext) {
        SkuLedger ledger =
                new SkuLedger(
                        settings,
                        returns,
                        routingPolicy == null
                                ? null
                                : new Router(routingPolicy, CarbonFactorTable.loadDefault()));
        ledger.setParallelism(getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
        LedgerCounts counts = new LedgerCounts(getRuntimeContext());
        SkuLedgerOutput output = new SkuLedgerOutput(counts, generation);
        state =
                new SkuKeyedState(
                        getRuntimeContext().getMapState(POSITIONS),
                        getRuntimeContext().getState(SUMMARY),
                        getRuntimeContext().getMapState(SEEN),
                        getRuntimeContext().getMapState(RESERVATIONS),
                        getRuntimeContext().getListState(PENDING),
                        getRuntimeContext().getState(SKU_REFERENCE),
                        new SkuSummaryCache(summaryCacheEntries),
                        counts.stateReads,
                        counts.stateWrites);
        expiry =
                new ExpirySchedule(
                        settings.horizonMillis(), ledger, output, state, counts.timersRegistered);
        events = new InventoryEventHandler(ledger, state, output, expiry, counts);
        held =
                new HeldRecords(
                        state,
                        counts,
                        holdPeriods.unknownNode().toMillis(),
                        holdPeriods.unknownSku().toMillis());
        nodeChanges = new NodeChangeHandler(ledger, state, output);
        output.publishChannels(new ChannelAvailabilityPublisher(state, generation));
        safetyStock = new SafetyStockHandler(ledger, state, output);
        channels = new ChannelHandler(state, output);
        holds =
                new HoldHandler(
                        ledger,
                        state,
                        output,
                        expiry,
                        counts,
                        getRuntimeContext().getMapState(HOLDS));
        requests = new StockRequestHandler(ledger, state, output, expiry, counts, holds);
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

    @Override
    public void processElement(SourcedEvent in, ReadOnlyContext ctx, Collector<Availability> out)
            throws Exception {
        // one lookup per record: it is on the hot path; before load, which rebuilds group totals
        state.nodes = ctx.getBroadcastState(NODES);
        state.load(ctx.getCurrentKey());
        state.rules = ctx.getBroadcastState(SAFETY_STOCK_RULES);
        state.channels = ctx.getBroadcastState(CHANNELS); // on the heap: no state backend read
        if (in.isSafetyStockReference()) {
            safetyStock.onSkuReference(in, ctx, out);
        } else if (in.hold != null) { // holds never wait: a SKU without stock refuses them
            holds.onRequest(in, ctx, out);
        } else if (!held.holdIfWaiting(in, ctx.timerService())) {
            handle(in, ctx, out);
            if (in.event != null) {
                handleAll(held.requestsWithStock(), ctx, out);
            }
        }
        state.store();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Availability> out)
            throws Exception {
        state.nodes = ctx.getBroadcastState(NODES); // count checks name their node's region
        state.load(ctx.getCurrentKey());
        state.rules = ctx.getBroadcastState(SAFETY_STOCK_RULES);
        state.channels = ctx.getBroadcastState(CHANNELS);
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            if (holds.isHoldTimer(timestamp)) {
                holds.onExpiry(ctx.getCurrentKey(), timestamp, ctx, out);
            } else {
                handleAll(held.graceOver(), ctx, out);
            }
        } else {
            expiry.fire(ctx.getCurrentKey(), timestamp, ctx, out);
        }
        state.store();
    }

    private void handle(SourcedEvent in, ReadOnlyContext ctx, Collector<Availability> out)
            throws Exception {
        if (in.request != null) {
            requests.onRequest(in, ctx, out);
        } else {
            events.onEvent(in, ctx, out);
        }
    }

    private void handleAll(
            List<SourcedEvent> records, ReadOnlyContext ctx, Collector<Availability> out)
            throws Exception {
        for (SourcedEvent in : records) {
            handle(in, ctx, out);
        }
    }

    @Override
    public void processBroadcastElement(SourcedEvent in, Context ctx, Collector<Availability> out)
            throws Exception {
        state.channels = ctx.getBroadcastState(CHANNELS); // node and rule changes publish them
        if (in.node != null) {
            nodeChanges.onNode(in.node, ctx, out);
        } else if (in.rule != null) {
            safetyStock.onSharedRule(in.rule, ctx, out);
        } else if (in.channel != null) {
            channels.onChannel(in.channel, ctx, out);
        }
    }
}

package io.omnistock.domain.inventory;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.forecast.DemandForecast;
import io.omnistock.domain.holds.HoldCommand;
import io.omnistock.domain.holds.HoldOutcome;
import io.omnistock.domain.orders.OrderValidator;
import io.omnistock.domain.orders.SingleSkuPlanner;
import io.omnistock.domain.planning.Router;
import io.omnistock.domain.returns.Returns;
import io.omnistock.ledger.domain.Hold;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.Reservation;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * The reconciliation rules of docs/design.md section 3 for the positions of one SKU: the single
 * authority for that SKU. Plain Java; state access and outputs go through {@link State} and {@link
 * Output} so the same rules run in Flink (RocksDB) and in unit tests (maps). The ledger applies
 * events and hands requests to {@link SkuReservations}; both publish what they change through one
 * {@link PositionPublisher}, so neither calls the other back.
 *
 * <p>Not thread-safe: one instance per Flink subtask.
 */
public final class SkuLedger {

    /** The keyed state of the current SKU. */
    public interface State {
        /** The position at a node, or null when the SKU has none there yet. */
        Position position(String nodeId);

        void putPosition(String nodeId, Position position);

        /**
         * The SKU's network totals, which the ledger keeps in step as it changes positions. They
         * are derived state: the sum of the positions' shares ({@link Position#countedAtp} and its
         * neighbours), so a store may rebuild them from the positions instead of keeping them.
         */
        NetworkTotals totals();

        /**
         * The SKU's availability per node group, which the ledger keeps in step as it changes
         * positions: derived state like {@link #totals()}, rebuilt from the positions and the node
         * reference data as the positions' shares were last counted ({@link
         * GroupTotals#addShareOf}).
         */
        GroupTotals groups();

        /**
         * Whether a stock request with this id was already applied within the horizon. (An event's
         * id is remembered by its position: {@link Position#hasApplied}.)
         */
        boolean seen(String eventId);

        void remember(String eventId, long eventTime);

        /**
         * Whether an event id was remembered per SKU by the state layout before event ids moved
         * into positions, and has not expired yet: a savepoint of that layout keeps deduping its
         * events for one horizon after the upgrade.
         */
        default boolean seenBeforeUpgrade(String eventId) {
            return false;
        }

        /** Reference data of a node (broadcast), or null when unknown. */
        NodeInfo node(String nodeId);

        /**
         * The safety stock of this SKU at {@code node}: the most specific safety-stock rule's units
         * ({@link io.omnistock.domain.safety.SafetyStock}), by default the node record's own.
         */
        default long safetyStock(NodeInfo node) {
            return node.safetyStock;
        }

        /**
         * What the order, quote or hold in hand may take of {@code atp} units at {@code node}: all
         * of them, unless it names a sales channel defined on reference.channels, whose available
         * to sell bounds it ({@link io.omnistock.domain.channels.Channel#ats}).
         */
        default long sellable(NodeInfo node, long atp) {
            return atp;
        }

        /**
         * What probes need of the SKU's positions, node by node: derived from them and in step with
         * every {@link #putPosition}, so a store may answer it without reading them.
         */
        StockByNode stock();

        /** What an order holds of this SKU, or null. */
        Reservation reservation(String orderId);

        void putReservation(Reservation reservation);

        void removeReservation(String orderId);

        /** The SKU's open reservations. */
        Iterable<Reservation> reservations();
    }

    /** The SKU's standing cart and checkout holds, by hold id ({@link SkuHolds}). */
    public interface HoldStore {
        /** The standing hold with this id, or null. */
        Hold get(String holdId);

        void put(Hold hold);

        void remove(String holdId);

        /** Every standing hold of the SKU. */
        Iterable<Hold> all();
    }

    /** Where the ledger's facts go. */
    public interface Output {
        /** A changed position (its position and forecast are working values: read them now). */
        void availability(AvailabilityChange change);

        void network(String sku, NetworkTotals totals, long eventTime);

        /**
         * A node group's figures for the SKU changed ({@code figures} are working values: read them
         * now). {@code changes} is the SKU's change count, the low bits of the record's version
         * ({@link GroupTotals#changes}).
         */
        void group(
                String sku,
                String group,
                GroupTotals.Figures figures,
                long changes,
                long eventTime);

        /**
         * A count differs from what the ledger expected at its time, judged when its check settles
         * (in event time: {@link SkuLedger#settleChecks}).
         */
        void discrepancy(CountDiscrepancy discrepancy);

        /**
         * A count was compared with what the ledger expected (every applied count but an opening
         * balance; a re-count at the same time replaces its count's pending check), for the
         * inventory-accuracy figure, when its check settles; a mismatch is also a {@link
         * #discrepancy}. {@code expected} is what the ledger held at the count's time ({@code
         * matched} when it equals the count's quantity); the count carries its 3PL {@code batchId}.
         */
        void countCompared(InventoryEvent count, NodeInfo node, long expected, boolean matched);

        void alert(StockAlert alert);

        /** Days of cover at a position fell below the lead time. */
        void projectedStockout(ProjectedStockout stockout);

        void rejected(InventoryEvent event, Rejection rejection);

        /** An answer to routing about one order's units of this SKU. */
        void reply(StockReply reply);

        /** A returned line was triaged (docs/design.md section 5). */
        void returned(ReturnDisposition disposition);

        /**
         * An event was judged (applied, duplicate, stale or superseded): the movement journal's
         * entry, made only while {@link LedgerSettings#journal()} is on. Outputs that keep no
         * journal ignore it.
         */
        default void movement(JournalEntry entry) {}

        /** What became of a hold ({@link SkuHolds}): for holds.events. */
        default void hold(HoldOutcome outcome) {
            throw new UnsupportedOperationException("this output takes no hold outcomes");
        }
    }

    /** What became of one event. */
    public enum Outcome {
        /** Changed the ledger (or confirmed it, for a matching count). */
        APPLIED,
        /** Same event id seen before within the horizon: applied once already. */
        DUPLICATE,
        /** A count older than the count in force (rule 3.3). */
        STALE_COUNT,
        /**
         * A delta stamped at or before the count in force, which already includes it (rule 3.2):
         * ignored for on-hand, it still counts toward its count's check while that is pending.
         */
        SUPERSEDED_BY_COUNT,
        /** An ASN revision older than the one in force. */
        STALE_REVISION,
        /** A return triaged to REFURBISH, LIQUIDATE or RECYCLE: it adds nothing to on-hand. */
        NOT_RESTOCKED,
        /** Sent to the dead-letter topic. */
        REJECTED
    }

    private final LedgerSettings settings;
    private final Returns returns;
    private final EventValidator validator;
    private final PositionPublisher publisher;
    private final SkuReservations reservations;
    private final SkuRouting routing;
    private final boolean journal;
    private final SkuHolds holds;
    private final SkuPromises promises;

    /** With the default return triage rules. */
    public SkuLedger(LedgerSettings settings) {
        this(settings, Returns.defaults());
    }

    public SkuLedger(LedgerSettings settings, Returns returns) {
        this(settings, returns, null);
    }

    /**
     * With the single-SKU fast path planning by {@code router} (null: a ROUTE is answered as a
     * PROBE).
     */
    public SkuLedger(LedgerSettings settings, Returns returns, Router router) {
        this.publisher = new PositionPublisher(settings);
        this.promises = new SkuPromises(publisher);
        this.reservations = new SkuReservations(publisher, promises);
        this.holds = new SkuHolds(publisher);
        this.routing =
                new SkuRouting(
                        reservations,
                        promises,
                        router == null
                                ? null
                                : new SingleSkuPlanner(router, new OrderValidator(settings)));
        this.settings = settings;
        this.returns = returns;
        this.validator = new EventValidator(settings);
        this.journal = settings.journal();
    }

    /** How many ledger instances share each node's daily order capacity (the fast path's view). */
    public void setParallelism(int parallelism) {
        routing.setParallelism(parallelism);
    }

    /** Answers a probe, or applies a reservation, release or commit (docs/design.md section 4). */
    public Outcome handle(StockRequest request, State state, Output out) {
        return reservations.handle(request, state, out);
    }

    /**
     * Applies a HOLD, EXTEND or RELEASE of a cart or checkout hold ({@link SkuHolds}); {@code
     * nowMillis} is the wall clock a hold's TTL runs on. Every outcome goes to {@link Output#hold}.
     */
    public Outcome hold(
            HoldCommand command, long nowMillis, State state, HoldStore holdStore, Output out) {
        return holds.apply(command, nowMillis, state, holdStore, out);
    }

    /**
     * Gives back the units of every hold of the SKU that expired at or before {@code nowMillis}
     * (wall clock), publishing EXPIRED for each; returns how many expired.
     */
    public int expireHolds(
            String sku, long nowMillis, State state, HoldStore holdStore, Output out) {
        return holds.expire(sku, nowMillis, state, holdStore, out);
    }

    /**
     * Plans, reserves and answers a single-SKU order at once (a ROUTE request carrying {@code
     * order}; {@code nodes} is every node's reference data), or answers as a PROBE: {@link
     * SkuRouting}.
     */
    public void route(
            StockRequest request,
            OrderRequest order,
            Collection<NodeInfo> nodes,
            long nowMillis,
            State state,
            Output out) {
        routing.route(request, order, nodes, nowMillis, state, null, out);
    }

    /**
     * As {@link #route(StockRequest, OrderRequest, Collection, long, State, Output)}; an order
     * naming one of the SKU's holds in {@code holdIds} converts it (CONFIRM, {@link SkuHolds}): the
     * order is planned on the held node, with the hold's units back in its ATP, and reserved in the
     * same step.
     */
    public void route(
            StockRequest request,
            OrderRequest order,
            Collection<NodeInfo> nodes,
            long nowMillis,
            State state,
            HoldStore holdStore,
            Output out) {
        routing.route(request, order, nodes, nowMillis, state, holdStore, out);
    }

    /**
     * Applies one event of this SKU.
     *
     * @param node the event's node, or null when the node is unknown
     * @param nowMillis wall-clock time, for the future-time check
     * @param watermark current event-time watermark (Long.MIN_VALUE before the first)
     */
    public Outcome apply(
            InventoryEvent e,
            NodeInfo node,
            long nowMillis,
            long watermark,
            State state,
            Output out) {
        Rejection rejection = validator.validate(e, nowMillis);
        if (rejection == null && node == null) {
            rejection = new Rejection(DeadLetterReason.UNKNOWN_NODE, "unknown node " + e.nodeId);
        }
        if (rejection == null && isBeyondHorizon(e.eventTime, watermark)) {
            rejection =
                    new Rejection(
                            DeadLetterReason.TOO_LATE,
                            "event time "
                                    + e.eventTime
                                    + " is older than watermark "
                                    + watermark
                                    + " minus the horizon");
        }
        if (rejection != null) {
            out.rejected(e, rejection);
            return Outcome.REJECTED;
        }
        Position position = state.position(e.nodeId);
        if (position == null) {
            position = new Position();
        }
        if (!journal) {
            return applyAt(position, e, node, watermark, state, out);
        }
        JournalEntry.Figures before = JournalEntry.Figures.publishedBy(position);
        Outcome outcome = applyAt(position, e, node, watermark, state, out);
        if (outcome != Outcome.REJECTED) {
            out.movement(
                    new JournalEntry(
                            e,
                            outcome,
                            before,
                            JournalEntry.Figures.publishedBy(position),
                            position.version));
        }
        return outcome;
    }

    /** Applies a valid event of a known node at its position (new when the node had none). */
    private Outcome applyAt(
            Position position,
            InventoryEvent e,
            NodeInfo node,
            long watermark,
            State state,
            Output out) {
        if (position.hasApplied(e.eventId) || state.seenBeforeUpgrade(e.eventId)) {
            return Outcome.DUPLICATE;
        }
        if (e.type == EventType.RETURN) {
            ReturnDisposition disposition = returns.triage(e, node);
            out.returned(disposition);
            if (!Returns.restocks(disposition)) {
                position.remember(e.eventId, e.eventTime);
                state.putPosition(e.nodeId, position);
                return Outcome.NOT_RESTOCKED;
            }
        }

        Outcome outcome;
        if (e.type.isCount()) {
            outcome = applyCount(position, e, node, watermark, out);
        } else if (e.type == EventType.ASN) {
            outcome = applyAsn(position, e);
        } else if (e.type == EventType.VOID) {
            outcome = applyVoid(position, e, out);
        } else {
            outcome = Deltas.apply(position, e, e.type.signedDelta(e.quantity));
        }
        if (outcome == Outcome.REJECTED) {
            return outcome; // rejected events are not remembered: a corrected re-send applies
        }
        position.remember(e.eventId, e.eventTime);
        recordDemand(position, e, outcome);

        NetworkTotals totals = publisher.beginChange(state);
        if (e.type == EventType.ASN || e.type == EventType.RECEIPT) {
            promisedInbound(position, e, totals, state, out);
        }
        if (position.reserved > 0 && position.reserved > position.onHand) {
            reservations.resolveShortage(
                    e.sku, e.nodeId, position, node, totals, e.eventTime, e.eventId, state, out);
        }
        publisher.publish(
                e.sku,
                e.nodeId,
                position,
                node,
                totals,
                e.eventTime,
                e.source,
                e.eventId,
                state,
                out);
        state.putPosition(e.nodeId, position);
        publisher.endChange(e.sku, totals, e.eventTime, out);
        return outcome;
    }

    /**
     * An ASN or a receipt touched a shipment that has promised units ({@link SkuPromises}): a
     * receipt turns them into reservations, a revision or a later ETA moves them. Costs one look at
     * the position's shipments otherwise.
     */
    private void promisedInbound(
            Position position, InventoryEvent e, NetworkTotals totals, State state, Output out) {
        if (e.reference == null || e.reference.isBlank()) {
            return;
        }
        InboundShipment shipment = position.findShipment(e.reference);
        if (shipment == null || shipment.promised <= 0) {
            return;
        }
        if (e.type == EventType.RECEIPT) {
            promises.received(
                    e.sku,
                    e.nodeId,
                    position,
                    shipment,
                    e.quantity,
                    e.eventTime,
                    e.eventId,
                    state,
                    out);
        } else {
            promises.asnChanged(
                    e.sku,
                    e.nodeId,
                    position,
                    shipment,
                    totals,
                    e.eventTime,
                    e.eventId,
                    state,
                    out);
        }
    }

    /**
     * Re-evaluates the SKU's position at a node whose reference data changed (status, safety stock,
     * type, groups), publishing what changed: the position, the network totals, and the figures of
     * the groups the node left or joined.
     */
    public void nodeChanged(
            String sku,
            NodeInfo node,
            long eventTime,
            String causeEventId,
            State state,
            Output out) {
        Position position = state.position(node.nodeId);
        if (position == null) {
            return;
        }
        NetworkTotals totals = publisher.beginChange(state);
        boolean moved = false;
        if (node.status == NodeStatus.CLOSED && position.reserved > 0) {
            reservations.moveAllOff(
                    sku, node.nodeId, position, totals, eventTime, causeEventId, state, out);
            moved = true;
        }
        if (publisher.publish(
                        sku,
                        node.nodeId,
                        position,
                        node,
                        totals,
                        eventTime,
                        SourceSystem.NETWORK,
                        causeEventId,
                        state,
                        out)
                || moved) {
            state.putPosition(node.nodeId, position);
        }
        publisher.endChange(sku, totals, eventTime, out);
    }

    /**
     * Re-evaluates the SKU's positions after its safety stock may have changed (a safety-stock rule
     * or the SKU's category did), at every known node {@code affected} accepts, publishing the
     * positions whose figures changed and the network totals once.
     */
    public void safetyStockChanged(
            String sku,
            Predicate<NodeInfo> affected,
            long eventTime,
            String causeEventId,
            State state,
            Output out) {
        List<String> nodeIds = new ArrayList<>();
        state.stock().forEach((nodeId, free, due) -> nodeIds.add(nodeId));
        NetworkTotals totals = publisher.beginChange(state);
        for (String nodeId : nodeIds) {
            NodeInfo node = state.node(nodeId);
            if (node == null || !affected.test(node)) {
                continue;
            }
            Position position = state.position(nodeId);
            if (publisher.publish(
                    sku,
                    nodeId,
                    position,
                    node,
                    totals,
                    eventTime,
                    SourceSystem.NETWORK,
                    causeEventId,
                    state,
                    out)) {
                state.putPosition(nodeId, position);
            }
        }
        publisher.endChange(sku, totals, eventTime, out);
    }

    /**
     * Starts the position's history and counts demand: a sale, pick or ship that happened counts
     * even when a count already includes it; a VOID takes its sale's units back.
     */
    private void recordDemand(Position p, InventoryEvent e, Outcome outcome) {
        DemandForecast.observe(p, e.eventTime);
        if ((outcome != Outcome.APPLIED && outcome != Outcome.SUPERSEDED_BY_COUNT)
                || !DemandForecast.isDemand(e.type)) {
            return;
        }
        long units = e.quantity;
        if (e.type == EventType.VOID) {
            BufferedDelta sale = p.findDelta(e.reference);
            units = sale == null ? 0 : sale.delta; // the sale's delta is -qty
        }
        publisher.recordDemand(p, units, e.eventTime);
    }

    private boolean isBeyondHorizon(long eventTime, long watermark) {
        return watermark != Long.MIN_VALUE && eventTime < watermark - settings.horizonMillis();
    }

    /**
     * Sets on-hand from the count at once; its comparison with the ledger waits in a check until
     * the watermark passes its time plus the settle delay ({@link CountChecks}), settled here
     * already when the count arrives that late.
     */
    private Outcome applyCount(
            Position p, InventoryEvent count, NodeInfo node, long watermark, Output out) {
        long asOf = count.eventTime;
        if (p.hasCount() && asOf < p.lastCountTime) {
            return Outcome.STALE_COUNT;
        }
        long after = p.deltasAfter(asOf);
        CountChecks.open(p, count, p.onHand - after);
        p.onHand = count.quantity + after;
        p.lastCountTime = asOf;
        p.forgetDeltasCoveredBy(asOf);
        CountChecks.settle(
                count.sku,
                count.nodeId,
                p,
                node,
                watermark,
                settings.discrepancySettleDelayMillis(),
                out);
        return Outcome.APPLIED;
    }

    /**
     * Settles the count checks at a position that the watermark has reached (each count's time plus
     * the settle delay): the event-time timer's part of the reconciliation rules. Returns whether
     * any settled, i.e. the position changed and must be stored.
     */
    public boolean settleChecks(
            String sku,
            String nodeId,
            Position position,
            NodeInfo node,
            long watermark,
            Output out) {
        return CountChecks.settle(
                sku,
                nodeId,
                position,
                node,
                watermark,
                settings.discrepancySettleDelayMillis(),
                out);
    }

    /**
     * The watermark the earliest pending count check at a position waits for, or {@link
     * Position#NO_DELTA} when none is pending.
     */
    public long nextCheckDue(Position position) {
        return CountChecks.nextDue(position, settings.discrepancySettleDelayMillis());
    }

    /** The watermark the check of a count as of {@code asOf} waits for. */
    public long checkDue(long asOf) {
        return CountChecks.due(asOf, settings.discrepancySettleDelayMillis());
    }

    private Outcome applyVoid(Position p, InventoryEvent voidEvent, Output out) {
        BufferedDelta sale = p.findDelta(voidEvent.reference);
        if (sale == null || sale.type != EventType.SALE) {
            out.rejected(
                    voidEvent,
                    new Rejection(
                            DeadLetterReason.UNKNOWN_SALE,
                            "no sale " + voidEvent.reference + " at " + voidEvent.nodeId));
            return Outcome.REJECTED;
        }
        if (sale.voided) {
            out.rejected(
                    voidEvent,
                    new Rejection(
                            DeadLetterReason.DUPLICATE_VOID,
                            "sale " + voidEvent.reference + " is already voided"));
            return Outcome.REJECTED;
        }
        sale.voided = true;
        return Deltas.apply(p, voidEvent, -sale.delta);
    }

    private static Outcome applyAsn(Position p, InventoryEvent asn) {
        InboundShipment shipment = p.shipment(asn.reference);
        if (shipment.asnTime != InventoryEvent.NO_TIME && asn.eventTime <= shipment.asnTime) {
            return Outcome.STALE_REVISION;
        }
        shipment.quantity = asn.quantity;
        shipment.eta = asn.eta;
        shipment.asnTime = asn.eventTime;
        shipment.lastTouched = Math.max(shipment.lastTouched, asn.eventTime);
        p.inboundChanged = true;
        return Outcome.APPLIED;
    }
}

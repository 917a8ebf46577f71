package io.omnistock.contracts;

import io.omnistock.avro.Availability;
import io.omnistock.avro.ChannelAvailability;
import io.omnistock.avro.ChannelDefinition;
import io.omnistock.avro.CountCheck;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.Discrepancy;
import io.omnistock.avro.GroupAvailability;
import io.omnistock.avro.HoldEvent;
import io.omnistock.avro.HoldRequest;
import io.omnistock.avro.InventoryAlert;
import io.omnistock.avro.Movement;
import io.omnistock.avro.NetworkAvailability;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.OrderLifecycleEvent;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.ReconciliationReport;
import io.omnistock.avro.ReservationRequest;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.SafetyStockRule;
import io.omnistock.avro.SkuRecord;
import io.omnistock.avro.SourcingRuleSet;
import io.omnistock.avro.SustainabilityMetrics;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.WmsEvent;
import java.util.List;
import java.util.stream.Stream;

/** The topic catalog: names are public API (docs/design.md section 2); change only on purpose. */
public final class Topics {
    public static final TopicSpec<PosEvent> POS =
            new TopicSpec<>("inventory.pos", PosEvent.class, false);
    public static final TopicSpec<WmsEvent> WMS =
            new TopicSpec<>("inventory.wms", WmsEvent.class, false);
    public static final TopicSpec<ThreePlEvent> THREE_PL =
            new TopicSpec<>("inventory.3pl", ThreePlEvent.class, false);
    public static final TopicSpec<NodeRecord> NODES =
            new TopicSpec<>("network.nodes", NodeRecord.class, true);

    /**
     * SKU reference data (key = sku): the category safety-stock rules select SKUs by. The newest
     * record per SKU wins.
     */
    public static final TopicSpec<SkuRecord> SKUS =
            new TopicSpec<>("reference.skus", SkuRecord.class, true);

    /**
     * Safety-stock rules (key = the rule's scope id, e.g. {@code SKU_NODE|sku|nodeId}): the most
     * specific active rule of a position sets its safety stock. The newest record per key wins.
     */
    public static final TopicSpec<SafetyStockRule> SAFETY_STOCK =
            new TopicSpec<>("reference.safety-stock", SafetyStockRule.class, true);

    /**
     * Sales channels (key = the channel id, as orders, quotes and holds name it): their exclusions
     * and buffers bound what a channel may sell (docs/concepts/channels.md). The newest record per
     * channel wins; a tombstone removes the channel.
     */
    public static final TopicSpec<ChannelDefinition> CHANNELS =
            new TopicSpec<>("reference.channels", ChannelDefinition.class, true);

    /**
     * Sourcing rules (key = the rule-set id, {@code default}): the last published set that reads is
     * in force for routing and quotes (docs/concepts/sourcing-rules.md). Read by its own source of
     * the ledger job, not {@link #LEDGER_INPUTS}' one.
     */
    public static final TopicSpec<SourcingRuleSet> ROUTING_RULES =
            new TopicSpec<>("routing.rules", SourcingRuleSet.class, true);

    public static final TopicSpec<OrderRequest> ORDER_REQUESTS =
            new TopicSpec<>("orders.requests", OrderRequest.class, false);
    public static final TopicSpec<OrderLifecycleEvent> ORDER_LIFECYCLE =
            new TopicSpec<>("orders.lifecycle", OrderLifecycleEvent.class, false);

    /** Delivery-options quote requests (key = requestId). */
    public static final TopicSpec<QuoteRequest> QUOTE_REQUESTS =
            new TopicSpec<>("quotes.requests", QuoteRequest.class, false);

    /**
     * Cart and checkout holds (key = sku): HOLD, EXTEND and RELEASE requests for the SKU's ledger,
     * answered on {@link #HOLD_EVENTS}.
     */
    public static final TopicSpec<HoldRequest> HOLD_REQUESTS =
            new TopicSpec<>("holds.requests", HoldRequest.class, false);

    /**
     * Internal: routing's reservation requests to the SKU-keyed ledger (key = sku). The ledger job
     * writes and reads it, closing the loop from routing back to the ledger that a dataflow graph
     * cannot close.
     */
    public static final TopicSpec<ReservationRequest> RESERVATIONS =
            new TopicSpec<>("orders.reservations", ReservationRequest.class, false);

    public static final TopicSpec<Availability> AVAILABILITY =
            new TopicSpec<>("inventory.availability", Availability.class, true);
    public static final TopicSpec<NetworkAvailability> NETWORK_AVAILABILITY =
            new TopicSpec<>("inventory.availability.network", NetworkAvailability.class, true);

    /**
     * Availability of a SKU in a node group, summed over the group's OPEN nodes (key = {@link
     * #groupKey sku|group}): published when the group's figures for the SKU change.
     */
    public static final TopicSpec<GroupAvailability> GROUP_AVAILABILITY =
            new TopicSpec<>("inventory.availability.groups", GroupAvailability.class, true);

    /**
     * Available to sell per sales channel (key = {@link #channelKey sku|node|channel}, or {@code
     * sku||channel} for the network total): published for the channels of {@link #CHANNELS} when a
     * channel's figure changes.
     */
    public static final TopicSpec<ChannelAvailability> CHANNEL_AVAILABILITY =
            new TopicSpec<>("inventory.availability.channels", ChannelAvailability.class, true);

    public static final TopicSpec<InventoryAlert> ALERTS =
            new TopicSpec<>("inventory.alerts", InventoryAlert.class, false);
    public static final TopicSpec<Discrepancy> DISCREPANCIES =
            new TopicSpec<>("inventory.discrepancies", Discrepancy.class, false);

    /**
     * Every absolute count compared with the ledger, agreeing or not (key = sku|node): the input of
     * the inventory-accuracy metric, which the analytics job computes.
     */
    public static final TopicSpec<CountCheck> COUNT_CHECKS =
            new TopicSpec<>("inventory.count-checks", CountCheck.class, false);

    /**
     * The movement journal (key = sku|node): every inventory event the ledger applied or judged a
     * duplicate, stale or superseded, with the position before and after, while {@code
     * ledger.journal.enabled} is on. Retained, not compacted: it is a position's history.
     */
    public static final TopicSpec<Movement> MOVEMENTS =
            new TopicSpec<>("inventory.movements", Movement.class, false);

    public static final TopicSpec<RoutingDecision> DECISIONS =
            new TopicSpec<>("orders.decisions", RoutingDecision.class, false);

    /** One triage decision per returned line, key = the return's eventId. */
    public static final TopicSpec<ReturnDisposition> RETURN_DISPOSITIONS =
            new TopicSpec<>("returns.dispositions", ReturnDisposition.class, false);

    /**
     * One answer per quote request (key = requestId). Not compacted: an answer is read once, soon
     * after it is written, and a later request with the same id is a new question, not an update.
     */
    public static final TopicSpec<QuoteResponse> QUOTE_RESPONSES =
            new TopicSpec<>("quotes.responses", QuoteResponse.class, false);

    /**
     * What became of each hold (key = holdId): HELD, REFUSED, EXTENDED, RELEASED, EXPIRED,
     * CONVERTED. Not compacted: a shop reads the answer to its request soon after it is written,
     * and a hold's events are a history, kept for the topic's retention.
     */
    public static final TopicSpec<HoldEvent> HOLD_EVENTS =
            new TopicSpec<>("holds.events", HoldEvent.class, false);

    public static final TopicSpec<SustainabilityMetrics> METRICS_SUSTAINABILITY =
            new TopicSpec<>("metrics.sustainability", SustainabilityMetrics.class, false);
    public static final TopicSpec<OperationsMetrics> METRICS_OPERATIONS =
            new TopicSpec<>("metrics.operations", OperationsMetrics.class, false);

    /**
     * Reconciliation reports (key = {@code batch|node|batchId} or {@code day|node|yyyy-mm-dd}): a
     * later revision replaces an earlier one, like the metric windows'. Retained, not compacted.
     */
    public static final TopicSpec<ReconciliationReport> METRICS_RECONCILIATION =
            new TopicSpec<>("metrics.reconciliation", ReconciliationReport.class, false);

    /** Room for a rejected record's original bytes (up to 64 KiB) plus why it was rejected. */
    public static final TopicSpec<DeadLetter> DEADLETTER =
            new TopicSpec<>("deadletter", DeadLetter.class, false, 2 * TopicSpec.MAX_RECORD_BYTES);

    /** Inputs of the ledger job. */
    public static final List<TopicSpec<?>> LEDGER_INPUTS =
            List.of(
                    POS,
                    WMS,
                    THREE_PL,
                    NODES,
                    ORDER_REQUESTS,
                    ORDER_LIFECYCLE,
                    RESERVATIONS,
                    QUOTE_REQUESTS,
                    SKUS,
                    SAFETY_STOCK,
                    HOLD_REQUESTS,
                    CHANNELS);

    /** Inputs of the ledger job read by their own sources (not as inventory records). */
    public static final List<TopicSpec<?>> LEDGER_RULE_INPUTS = List.of(ROUTING_RULES);

    /** Outputs of the ledger job ({@link #RESERVATIONS} is both). */
    public static final List<TopicSpec<?>> LEDGER_OUTPUTS =
            List.of(
                    AVAILABILITY,
                    NETWORK_AVAILABILITY,
                    GROUP_AVAILABILITY,
                    CHANNEL_AVAILABILITY,
                    ALERTS,
                    DISCREPANCIES,
                    COUNT_CHECKS,
                    DECISIONS,
                    RETURN_DISPOSITIONS,
                    QUOTE_RESPONSES,
                    HOLD_EVENTS,
                    DEADLETTER,
                    MOVEMENTS);

    /** Inputs of the analytics job: outputs of the ledger job. */
    public static final List<TopicSpec<?>> ANALYTICS_INPUTS =
            List.of(DECISIONS, RETURN_DISPOSITIONS, COUNT_CHECKS, DEADLETTER);

    /** Outputs of the analytics job. */
    public static final List<TopicSpec<?>> ANALYTICS_OUTPUTS =
            List.of(METRICS_SUSTAINABILITY, METRICS_OPERATIONS, METRICS_RECONCILIATION);

    /** Every topic in the catalog. */
    public static List<TopicSpec<?>> all() {
        return Stream.of(LEDGER_INPUTS, LEDGER_RULE_INPUTS, LEDGER_OUTPUTS, ANALYTICS_OUTPUTS)
                .flatMap(List::stream)
                .distinct()
                .toList();
    }

    /** Key of a per-position record: {@code sku|node}. */
    public static String positionKey(String sku, String nodeId) {
        return sku + '|' + nodeId;
    }

    /** Key of a per-group record: {@code sku|group}. */
    public static String groupKey(String sku, String group) {
        return sku + '|' + group;
    }

    /**
     * Key of a per-channel availability record: {@code sku|node|channel}, {@code sku||channel} for
     * the network total (null node).
     */
    public static String channelKey(String sku, String nodeId, String channel) {
        return sku + '|' + (nodeId == null ? "" : nodeId) + '|' + channel;
    }

    private Topics() {}
}

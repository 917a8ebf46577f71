package io.omnistock.domain.inventory;

import io.omnistock.avro.AlertType;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.forecast.Forecast;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One SKU's ledger on plain maps, recording everything it outputs: the reusable test implementation
 * of {@link SkuLedger.State} and {@link SkuLedger.Output}.
 */
final class InMemoryLedger implements SkuLedger.Output {
    record Published(
            String nodeId,
            long onHand,
            long reserved,
            long inTransit,
            long safetyStock,
            long atp,
            long version) {}

    record Network(
            long networkAtp,
            long storeAtp,
            long dcAtp,
            long threePlAtp,
            int openNodes,
            long version) {}

    record Discrepancy(String nodeId, long expected, long counted) {}

    record Compared(String countEventId, String nodeId, boolean matched) {}

    record Alert(String nodeId, AlertType type, long previousAtp, long atp) {}

    record Rejected(String eventId, Rejection rejection) {}

    /** A publication's forecast: velocity, cover (null when infinite), projected ATP. */
    record Forecasted(
            String nodeId,
            long eventTime,
            double velocityPerDay,
            Double daysOfCover,
            long[] projected) {}

    record ProjectedStockout(
            String nodeId,
            long atp,
            double velocityPerDay,
            double daysOfCover,
            long expectedStockoutTime,
            long eventTime) {}

    /** Far enough after the test day that no test event is in the future. */
    static final long NOW = LedgerEvents.DAY.toEpochMilli() + 365L * 24 * 3600 * 1000;

    final InMemorySkuState state = new InMemorySkuState();
    final Map<String, NodeInfo> nodes = state.nodes;
    final Map<String, Position> positions = state.positions;
    final Map<String, Long> seen = state.seen;

    final List<Published> availability = new ArrayList<>();
    final List<Network> network = new ArrayList<>();
    final List<Discrepancy> discrepancies = new ArrayList<>();
    final List<Compared> compared = new ArrayList<>();
    final List<Alert> alerts = new ArrayList<>();
    final List<Forecasted> forecasts = new ArrayList<>();
    final List<ProjectedStockout> projectedStockouts = new ArrayList<>();
    final List<Rejected> rejected = new ArrayList<>();
    final List<StockReply> replies = new ArrayList<>();
    final List<ReturnDisposition> dispositions = new ArrayList<>();

    final SkuLedger ledger;
    long watermark = Long.MIN_VALUE;

    InMemoryLedger() {
        this(LedgerSettings.defaults());
    }

    InMemoryLedger(LedgerSettings settings) {
        ledger = new SkuLedger(settings);
        node(LedgerEvents.STORE, NodeType.STORE, NodeStatus.OPEN, 0);
        node(LedgerEvents.DC, NodeType.DC, NodeStatus.OPEN, 0);
        node(LedgerEvents.THREE_PL, NodeType.THREE_PL, NodeStatus.OPEN, 0);
    }

    InMemoryLedger node(String id, NodeType type, NodeStatus status, long safetyStock) {
        nodes.put(id, new NodeInfo(id, type, status, safetyStock));
        return this;
    }

    SkuLedger.Outcome apply(InventoryEvent e) {
        return ledger.apply(e, nodes.get(e.nodeId), NOW, watermark, state, this);
    }

    SkuLedger.Outcome handle(StockRequest request) {
        return ledger.handle(request, state, this);
    }

    StockReply lastReply() {
        return replies.get(replies.size() - 1);
    }

    void changeNode(String id, NodeType type, NodeStatus status, long safetyStock) {
        node(id, type, status, safetyStock);
        ledger.nodeChanged(LedgerEvents.SKU, nodes.get(id), 0, "node-change", state, this);
    }

    long onHand(String node) {
        return positions.get(node).onHand;
    }

    long reserved(String node) {
        return positions.get(node).reserved;
    }

    /** ATP at a node now, from the position (whether or not it was published). */
    long atp(String node) {
        return positions.get(node).atp(nodes.get(node).safetyStock);
    }

    /** The last reply of a kind; fails when there is none. */
    StockReply lastReply(StockReply.Kind kind) {
        return replies.stream().filter(r -> r.kind == kind).reduce((a, b) -> b).orElseThrow();
    }

    /** Replies of a kind, in the order they were sent. */
    List<StockReply> replies(StockReply.Kind kind) {
        return replies.stream().filter(r -> r.kind == kind).toList();
    }

    /** Network ATP recomputed from scratch: ATP summed over the OPEN nodes' positions. */
    long recomputedNetworkAtp() {
        long sum = 0;
        for (Map.Entry<String, Position> e : positions.entrySet()) {
            NodeInfo node = nodes.get(e.getKey());
            if (node != null && node.isOpen()) {
                sum += e.getValue().atp(node.safetyStock);
            }
        }
        return sum;
    }

    Published lastPublished(String node) {
        return availability.stream()
                .filter(p -> p.nodeId().equals(node))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    Network lastNetwork() {
        return network.get(network.size() - 1);
    }

    @Override
    public void availability(
            String sku,
            String nodeId,
            Position p,
            NodeInfo node,
            long eventTime,
            SourceSystem source,
            String causeEventId,
            Forecast forecast) {
        availability.add(
                new Published(
                        nodeId,
                        p.publishedOnHand,
                        p.publishedReserved,
                        p.publishedInTransit,
                        p.publishedSafetyStock,
                        p.publishedAtp,
                        p.version));
        forecasts.add(
                new Forecasted(
                        nodeId,
                        eventTime,
                        forecast.velocityPerDay,
                        forecast.hasCover() ? forecast.daysOfCover : null,
                        forecast.projectedAtp.clone()));
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
        projectedStockouts.add(
                new ProjectedStockout(
                        nodeId,
                        atp,
                        forecast.velocityPerDay,
                        forecast.daysOfCover,
                        forecast.expectedStockoutTime,
                        eventTime));
    }

    @Override
    public void network(String sku, NetworkTotals t, long eventTime) {
        network.add(
                new Network(
                        t.networkAtp, t.storeAtp, t.dcAtp, t.threePlAtp, t.openNodes, t.version));
    }

    @Override
    public void discrepancy(
            String sku, String nodeId, long expected, long counted, InventoryEvent count) {
        discrepancies.add(new Discrepancy(nodeId, expected, counted));
    }

    @Override
    public void countCompared(InventoryEvent count, NodeInfo node, boolean matched) {
        compared.add(new Compared(count.eventId, node.nodeId, matched));
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
        alerts.add(new Alert(nodeId, type, previousAtp, atp));
    }

    @Override
    public void rejected(InventoryEvent event, Rejection rejection) {
        rejected.add(new Rejected(event.eventId, rejection));
    }

    @Override
    public void reply(StockReply reply) {
        replies.add(reply);
    }

    @Override
    public void returned(ReturnDisposition disposition) {
        dispositions.add(disposition);
    }
}

package io.omnistock.ledger.domain;

import io.omnistock.avro.Allocation;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.ScoredCandidate;
import java.util.ArrayList;
import java.util.List;

/** What a SKU's ledger answers routing, keyed by order. A Flink POJO. */
public class StockReply {
    public enum Kind {
        /** ATP per OPEN node with stock; {@link #knownSku} says whether the SKU exists at all. */
        PROBED,
        /** The reservation holds {@link #units}. */
        GRANTED,
        /** Nothing was held; {@link #units} is the ATP per OPEN node now, to re-plan with. */
        REFUSED,
        /**
         * A shortage or a closed node moved {@link #movedUnits} from {@link #fromNodeId} to {@link
         * #toNodeId} (null: nowhere, now backordered); {@link #units} is what the order holds now.
         */
        REROUTED,
        /** As PROBED, for a quote (its {@link #orderId} is the quote's request id). Appended. */
        QUOTED,
        /**
         * Answers a ROUTE: as PROBED ({@link #units} is the ATP per OPEN node the ledger planned
         * on), and the ledger already holds {@link #granted} for the order (empty when the plan
         * allocated nothing), planned as {@link #allocations}. Appended.
         */
        ROUTED,
        /**
         * Answers a PROMISE: {@link #promised} is what the ledger reserved of inbound ASNs for the
         * order (empty when none could be). Appended.
         */
        PROMISED,
        /**
         * The ledger changed an order's inbound promises on its own: a receipt turned them into
         * on-hand reservations ({@link #units}, what the order holds now), or a revised or late ASN
         * moved them; {@link #promised} is what the order is promised now and {@link #reason} says
         * why. Appended.
         */
        REPROMISED
    }

    public Kind kind;
    public String orderId;
    public String sku;

    /** Event id of the request answered, or of the event that caused a re-route. */
    public String requestId;

    public int attempt;
    public long eventTime;
    public List<NodeUnits> units = new ArrayList<>();
    public boolean knownSku = true;

    /**
     * PROBED and REFUSED: units still expected from ASNs at OPEN nodes, one entry per ASN (so
     * routing may promise a backordered line against them).
     */
    public List<InboundUnits> inbound = new ArrayList<>();

    /** ROUTED: what the ledger reserved for the order, per node (attempt 1). */
    public List<NodeUnits> granted = new ArrayList<>();

    /**
     * ROUTED: the plan the ledger made and reserved, as routing records it for the decision (its
     * allocations, the scored candidates, the cost-only baseline and what is backordered), so
     * routing does not plan the order a second time.
     */
    public List<Allocation> allocations = new ArrayList<>();

    public List<ScoredCandidate> candidates = new ArrayList<>();
    public Double baselineCo2eKg;

    /** ROUTED: the cost of the cost-only baseline plan. Appended. */
    public Double baselineCost;

    public List<OrderLine> backordered = new ArrayList<>();

    /**
     * PROBED, QUOTED and REFUSED: the SKU's category from reference.skus, or null when none is
     * known (what a sourcing rule's {@code category=} condition reads). Appended.
     */
    public String category;

    /** ROUTED, PROMISED, REPROMISED: inbound units reserved for the order, per ASN. Appended. */
    public List<InboundUnits> promised = new ArrayList<>();

    public String fromNodeId;
    public String toNodeId;
    public long movedUnits;
    public String reason;

    public StockReply() {}

    public StockReply(Kind kind, StockRequest request) {
        this.kind = kind;
        this.orderId = request.orderId;
        this.sku = request.sku;
        this.requestId = request.eventId;
        this.attempt = request.attempt;
        this.eventTime = request.eventTime;
    }

    @Override
    public String toString() {
        return kind + "[" + orderId + " " + sku + " #" + attempt + " " + units + "]";
    }
}

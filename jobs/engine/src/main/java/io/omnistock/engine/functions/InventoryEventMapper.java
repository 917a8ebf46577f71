package io.omnistock.engine.functions;

import io.omnistock.avro.NodeQuantity;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.OrderLifecycleEvent;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.ReservationAction;
import io.omnistock.avro.ReservationRequest;
import io.omnistock.avro.ReturnGrading;
import io.omnistock.avro.SourceSystem;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.WmsEvent;
import io.omnistock.domain.inventory.EventType;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.returns.ReturnedItem;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.StockRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Maps the input schemas (and node reference data) onto the ledger's own types, and back. */
public final class InventoryEventMapper {

    static InventoryEvent fromPos(PosEvent pos) {
        EventType type =
                switch (pos.getType()) {
                    case SALE -> EventType.SALE;
                    case RETURN -> EventType.RETURN;
                    case VOID -> EventType.VOID;
                };
        return new InventoryEvent(
                        pos.getEventId(),
                        pos.getEventTime().toEpochMilli(),
                        pos.getSku(),
                        pos.getNodeId(),
                        type,
                        pos.getQuantity(),
                        SourceSystem.POS)
                .withReference(pos.getVoidedEventId());
    }

    private static ReturnedItem returnedItem(ReturnGrading grading) {
        ReturnedItem item =
                new ReturnedItem(
                        grading.getConditionGrade(),
                        grading.getCategory(),
                        orNaN(grading.getUnitValue()));
        item.reason = grading.getReturnReason();
        return item;
    }

    /**
     * A RETURN_RECEIVED (one returned line of an order) as a RETURN at the receiving node, from
     * ORDERS, which the SKU's ledger triages. A store that grades a return at the till sends it
     * this way too, naming itself as the receiving node.
     */
    static InventoryEvent fromReturnReceived(OrderLifecycleEvent e) {
        ReturnedItem item =
                e.getGrading() == null ? new ReturnedItem() : returnedItem(e.getGrading());
        item.orderId = e.getOrderId();
        item.fromLatitude = orNaN(e.getReturnedFromLatitude());
        item.fromLongitude = orNaN(e.getReturnedFromLongitude());
        return new InventoryEvent(
                        e.getEventId(),
                        e.getEventTime().toEpochMilli(),
                        e.getSku(),
                        e.getReceivingNodeId(),
                        EventType.RETURN,
                        e.getQuantity(),
                        SourceSystem.ORDERS)
                .withReturned(item);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    static InventoryEvent fromWms(WmsEvent wms) {
        EventType type = EventType.valueOf(wms.getType().name());
        return new InventoryEvent(
                        wms.getEventId(),
                        wms.getEventTime().toEpochMilli(),
                        wms.getSku(),
                        wms.getNodeId(),
                        type,
                        wms.getQuantity(),
                        SourceSystem.WMS)
                .withReference(wms.getAsnId())
                .withCounterpart(wms.getCounterpartNodeId())
                .withDetails(wms.getReasonCode(), null);
    }

    static InventoryEvent fromThreePl(ThreePlEvent tpl) {
        EventType type = EventType.valueOf(tpl.getType().name());
        InventoryEvent event =
                new InventoryEvent(
                                tpl.getEventId(),
                                tpl.getEventTime().toEpochMilli(),
                                tpl.getSku(),
                                tpl.getNodeId(),
                                type,
                                tpl.getQuantity(),
                                SourceSystem.THREE_PL)
                        .withReference(tpl.getAsnId())
                        .withDetails(null, tpl.getBatchId());
        if (tpl.getEta() != null) {
            event.withEta(tpl.getEta().toEpochMilli());
        }
        return event;
    }

    /** A reservation request from routing, or null when its action is unknown to this reader. */
    static StockRequest fromReservation(ReservationRequest r) {
        StockRequest.Action action =
                switch (r.getAction()) {
                    case RESERVE -> StockRequest.Action.RESERVE;
                    case RELEASE -> StockRequest.Action.RELEASE;
                    case COMMIT -> StockRequest.Action.COMMIT;
                    case PROMISE -> StockRequest.Action.PROMISE;
                    default -> null;
                };
        if (action == null) {
            return null;
        }
        StockRequest request =
                new StockRequest(
                        r.getEventId(),
                        r.getEventTime().toEpochMilli(),
                        r.getOrderId(),
                        r.getSku(),
                        action,
                        r.getAttempt());
        for (NodeQuantity q : r.getAllocations()) {
            request.units.add(new NodeUnits(q.getNodeId(), q.getQuantity()));
        }
        request.alternatives.addAll(r.getAlternatives());
        if (r.getPromiseBy() != null) {
            request.promiseBy = r.getPromiseBy().toEpochMilli();
        }
        return request;
    }

    /** The Avro form of a reservation request, for the orders.reservations topic. */
    static ReservationRequest toReservation(StockRequest request) {
        List<NodeQuantity> allocations = new ArrayList<>(request.units.size());
        for (NodeUnits u : request.units) {
            allocations.add(new NodeQuantity(u.nodeId, (int) u.units));
        }
        return ReservationRequest.newBuilder()
                .setEventId(request.eventId)
                .setEventTime(Instant.ofEpochMilli(request.eventTime))
                .setOrderId(request.orderId)
                .setSku(request.sku)
                .setAction(ReservationAction.valueOf(request.action.name()))
                .setAttempt(request.attempt)
                .setAllocations(allocations)
                .setAlternatives(new ArrayList<>(request.alternatives))
                .setPromiseBy(
                        request.promiseBy == StockRequest.NO_FUTURE_SUPPLY
                                ? null
                                : Instant.ofEpochMilli(request.promiseBy))
                .build();
    }

    /** A node reference record as the ledger's and routing's {@link NodeInfo}. */
    public static NodeInfo fromNode(NodeRecord record) {
        return NodeInfo.of(record);
    }

    private InventoryEventMapper() {}
}

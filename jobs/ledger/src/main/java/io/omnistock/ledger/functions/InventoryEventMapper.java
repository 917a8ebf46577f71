package io.omnistock.ledger.functions;

import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.SourceSystem;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.WmsEvent;
import io.omnistock.ledger.domain.EventType;
import io.omnistock.ledger.domain.InventoryEvent;
import io.omnistock.ledger.domain.NodeInfo;

/** Maps the three source schemas (and node reference data) onto the ledger's own types. */
final class InventoryEventMapper {

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
                .withCounterpart(wms.getCounterpartNodeId());
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
                        .withReference(tpl.getAsnId());
        if (tpl.getEta() != null) {
            event.withEta(tpl.getEta().toEpochMilli());
        }
        return event;
    }

    static NodeInfo fromNode(NodeRecord record) {
        NodeInfo node =
                new NodeInfo(
                        record.getNodeId(),
                        record.getType(),
                        record.getStatus(),
                        record.getSafetyStock());
        node.updatedAt = record.getEventTime().toEpochMilli();
        return node;
    }

    private InventoryEventMapper() {}
}

package io.omnistock.domain.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkuStockTest {
    private final NodeSlots slots = new NodeSlots();

    @Test
    void followsEachPositionsOnHandLessReservedAndItsAsnsStillDue() {
        StockByNode stock = new StockByNode(slots);
        assertThat(stock.isEmpty()).isTrue();

        Position store = position(10, 3);
        Position dc = position(40, 0);
        InboundShipment open = shipment("ASN-1", 20, 5, 9_000);
        InboundShipment received = shipment("ASN-2", 8, 8, 9_500);
        InboundShipment noEta = shipment("ASN-3", 4, 0, InventoryEvent.NO_TIME);
        dc.inbound.addAll(List.of(open, received, noEta));
        stock.update("STORE-1", store);
        stock.update("DC-1", dc);
        store.onHand = 9; // a sale, stored again
        stock.update("STORE-1", store);

        assertThat(seen(stock)).containsExactly("STORE-1 6 []", "DC-1 40 [DC-1=15@9000]");
        assertThat(stock.isEmpty()).isFalse();
    }

    @Test
    void skusSharingSlotsSeeOnlyTheirOwnNodes() {
        StockByNode first = new StockByNode(slots);
        StockByNode second = new StockByNode(slots);
        first.update("STORE-1", position(5, 0));
        second.update("DC-1", position(7, 2));
        second.update("STORE-2", position(1, 0));

        assertThat(seen(first)).containsExactly("STORE-1 5 []");
        assertThat(seen(second)).containsExactly("DC-1 5 []", "STORE-2 1 []");
    }

    private static List<String> seen(StockByNode stock) {
        List<String> seen = new ArrayList<>();
        stock.forEach((nodeId, free, due) -> seen.add(nodeId + " " + free + " " + List.of(due)));
        return seen;
    }

    private static Position position(long onHand, long reserved) {
        Position p = new Position();
        p.onHand = onHand;
        p.reserved = reserved;
        return p;
    }

    private static InboundShipment shipment(String asn, long quantity, long received, long eta) {
        InboundShipment s = new InboundShipment(asn);
        s.quantity = quantity;
        s.received = received;
        s.eta = eta;
        return s;
    }
}

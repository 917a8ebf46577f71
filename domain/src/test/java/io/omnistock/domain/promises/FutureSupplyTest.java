package io.omnistock.domain.promises;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.domain.inventory.InboundShipment;
import io.omnistock.domain.inventory.InventoryEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Future ATP buckets of a position's inbound, by hand. */
class FutureSupplyTest {
    private static final long DAY = FutureSupply.DAY_MILLIS;

    private static InboundShipment asn(long quantity, long received, long promised, long eta) {
        InboundShipment s = new InboundShipment();
        s.quantity = quantity;
        s.received = received;
        s.promised = promised;
        s.eta = eta;
        return s;
    }

    @Test
    void unpromisedUnitsAddUpByEndOfEtaDayEarliestFirst() {
        List<InboundShipment> inbound =
                List.of(
                        asn(10, 0, 4, 3 * DAY + 5), // 6 unpromised, day 3
                        asn(5, 2, 0, DAY + 7), // 3 unpromised, day 1
                        asn(4, 0, 0, 3 * DAY + 9), // 4 unpromised, day 3
                        asn(8, 0, 8, 2 * DAY), // all promised: no units on day 2
                        asn(9, 0, 0, InventoryEvent.NO_TIME)); // no ETA: in no bucket

        assertThat(FutureSupply.buckets(inbound))
                .containsExactly(
                        new FutureSupply.Bucket(2 * DAY, 3), // day 1 ends at 2 * DAY
                        new FutureSupply.Bucket(4 * DAY, 13)); // + 6 + 4 on day 3
    }

    @Test
    void nothingUnpromisedMeansNoBuckets() {
        assertThat(FutureSupply.buckets(List.of(asn(5, 0, 5, DAY)))).isEmpty();
        assertThat(FutureSupply.buckets(List.of())).isEmpty();
    }
}

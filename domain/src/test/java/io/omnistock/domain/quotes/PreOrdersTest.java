package io.omnistock.domain.quotes;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.domain.planning.PlannedLine;
import io.omnistock.ledger.domain.InboundUnits;
import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.orders.SkuStock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pre-order date of a cart only inbound can fill, by hand. */
class PreOrdersTest {
    private static final long D1 = 1_000;
    private static final long D2 = 2_000;
    private static final long D3 = 3_000;

    private static final SkuStock A =
            new SkuStock(
                    "A",
                    true,
                    List.of(new NodeUnits("DC-1", 2)),
                    List.of(new InboundUnits("DC-2", 3, D2), new InboundUnits("DC-1", 4, D1)));
    private static final SkuStock B =
            new SkuStock("B", true, List.of(), List.of(new InboundUnits("DC-1", 5, D3)));

    @Test
    void theDateIsWhenTheLastLineIsCovered() {
        // A: 2 now, +4 by D1 = 6 >= 5; B: 0 now, +5 by D3 = 5 >= 5: the cart by D3
        assertThat(
                        PreOrders.from(
                                List.of(new PlannedLine("A", 5), new PlannedLine("B", 5)),
                                List.of(A, B)))
                .isEqualTo(D3);
        // A alone: 7 needs D2 (2 + 4 + 3 = 9 >= 7; 2 + 4 = 6 < 7)
        assertThat(PreOrders.from(List.of(new PlannedLine("A", 7)), List.of(A))).isEqualTo(D2);
    }

    @Test
    void noDateWhenInboundCannotCoverALineOrStockAlreadyCoversIt() {
        // A: 2 + 4 + 3 = 9 < 10
        assertThat(PreOrders.from(List.of(new PlannedLine("A", 10)), List.of(A))).isNull();
        // A: 2 on hand covers 2: nothing to pre-order
        assertThat(PreOrders.from(List.of(new PlannedLine("A", 2)), List.of(A))).isNull();
    }
}

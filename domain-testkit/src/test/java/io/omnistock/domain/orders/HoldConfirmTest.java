package io.omnistock.domain.orders;

import static io.omnistock.domain.orders.OrderFlow.dc;
import static io.omnistock.domain.orders.OrderFlow.line;
import static io.omnistock.domain.orders.OrderFlow.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.domain.holds.HoldCommand;
import io.omnistock.domain.holds.HoldOutcome;
import io.omnistock.domain.inventory.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CONFIRM (docs/concepts/holds.md): a single-SKU order naming a hold in {@code holdIds} is routed
 * from the held node, its hold converted into the order's reservation in the same step. Through
 * {@link OrderFlow} with the fast path, on the real rules. DC-1 is 100 km from the customer, DC-2
 * 300 km: routing prefers DC-1 when it is free to choose.
 */
class HoldConfirmTest {
    private static final String SKU = "SKU-A";
    private static final long FIFTEEN_MINUTES = 900_000;

    private final OrderFlow flow =
            OrderFlow.withSingleSkuFastPath(3).node(dc("DC-1", 100)).node(dc("DC-2", 300));
    private int requests;

    private HoldCommand hold(String holdId, String nodeId, long qty) {
        return new HoldCommand(
                "hold-" + ++requests,
                OrderFlow.at(7, 0),
                holdId,
                SKU,
                HoldCommand.Action.HOLD,
                nodeId,
                qty,
                FIFTEEN_MINUTES,
                "WEB");
    }

    private Position at(String nodeId) {
        return flow.ledgerState(SKU).position(nodeId);
    }

    @Test
    void anOrderNamingAHoldIsRoutedFromTheHeldNodeAndTheHoldConverted() {
        flow.stock(SKU, "DC-1", 3).stock(SKU, "DC-2", 5);
        flow.hold(hold("cart-1", "DC-2", 2)); // DC-2: 5 on hand, 2 held, ATP 3

        RoutingDecision d =
                flow.route(order("O-1", line(SKU, 2)).setHoldIds(List.of("cart-1")).build());

        // from DC-2, although DC-1 (closer, 3 free) would win an order naming no hold
        assertThat(d.getStatus()).isEqualTo(DecisionStatus.ROUTED);
        assertThat(d.getAllocations())
                .extracting(a -> tuple(a.getNodeId(), a.getQuantity()))
                .containsExactly(tuple("DC-2", 2));
        // DC-2: 5 on hand, 2 reserved, 0 held: ATP 3, as before the order
        assertThat(at("DC-2").reserved).isEqualTo(2);
        assertThat(at("DC-2").held).isZero();
        assertThat(at("DC-2").atp(0)).isEqualTo(3);
        assertThat(at("DC-1").atp(0)).isEqualTo(3);
        assertThat(flow.holdsOf(SKU).holds).isEmpty();
        HoldOutcome converted = flow.holdOutcomes.get(flow.holdOutcomes.size() - 1);
        assertThat(converted.type()).isEqualTo(HoldOutcome.Type.CONVERTED);
        assertThat(converted.holdId()).isEqualTo("cart-1");
        assertThat(converted.nodeId()).isEqualTo("DC-2");
        assertThat(converted.units()).isEqualTo(2);
    }

    @Test
    void theLastUnitsHeldAreNotSoldToAnOrderNamingNoHold() {
        flow.stock(SKU, "DC-1", 2);
        flow.hold(hold("cart-1", "DC-1", 2)); // ATP 0

        RoutingDecision other = flow.route(order("O-1", line(SKU, 2)).build());
        RoutingDecision holder =
                flow.route(order("O-2", line(SKU, 2)).setHoldIds(List.of("cart-1")).build());

        assertThat(other.getStatus()).isEqualTo(DecisionStatus.BACKORDERED);
        assertThat(holder.getStatus()).isEqualTo(DecisionStatus.ROUTED);
        assertThat(holder.getAllocations())
                .extracting(a -> tuple(a.getNodeId(), a.getQuantity()))
                .containsExactly(tuple("DC-1", 2));
        // 2 on hand, 2 reserved (O-2), nothing held or free
        assertThat(at("DC-1").reserved).isEqualTo(2);
        assertThat(at("DC-1").held).isZero();
        assertThat(at("DC-1").atp(0)).isZero();
    }

    @Test
    void unitsHeldBeyondTheOrderAreFreeAgainAndAnUnknownHoldIdIsIgnored() {
        flow.stock(SKU, "DC-2", 5);
        flow.hold(hold("cart-1", "DC-2", 4)); // ATP 1

        RoutingDecision d =
                flow.route(
                        order("O-1", line(SKU, 1))
                                .setHoldIds(List.of("no-such-hold", "cart-1"))
                                .build());

        assertThat(d.getStatus()).isEqualTo(DecisionStatus.ROUTED);
        // 5 on hand, 1 reserved, 0 held: ATP 4
        assertThat(at("DC-2").reserved).isEqualTo(1);
        assertThat(at("DC-2").held).isZero();
        assertThat(at("DC-2").atp(0)).isEqualTo(4);
        assertThat(flow.holdOutcomes)
                .extracting(HoldOutcome::type, HoldOutcome::units)
                .containsExactly(
                        tuple(HoldOutcome.Type.HELD, 4L), tuple(HoldOutcome.Type.CONVERTED, 1L));
    }
}

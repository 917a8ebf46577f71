package io.omnistock.domain.orders;

import static io.omnistock.domain.orders.OrderFlow.dc;
import static io.omnistock.domain.orders.OrderFlow.line;
import static io.omnistock.domain.orders.OrderFlow.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.ledger.domain.StockRequest.Action;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Orders naming a node group, on the real rules through {@link OrderFlow}: through the loop and on
 * the single-SKU fast path alike. DC-1 (100 km from the customer, group NORTH) holds 10 units, DC-2
 * (300 km, groups SOUTH and OUTLET) holds 3; without a group the nearer DC-1 takes an order it can
 * fill.
 */
class NodeGroupRoutingTest {
    private static final String SKU_A = "SKU-A";
    private static final String DC_1 = "DC-1";
    private static final String DC_2 = "DC-2";

    private static OrderFlow flow(boolean fastPath) {
        OrderFlow flow = fastPath ? OrderFlow.withSingleSkuFastPath(3) : new OrderFlow(3);
        return flow.node(dc(DC_1, 100).inGroups(List.of("NORTH")))
                .node(dc(DC_2, 300).inGroups(List.of("SOUTH", "OUTLET")))
                .stock(SKU_A, DC_1, 10)
                .stock(SKU_A, DC_2, 3);
    }

    @ParameterizedTest(name = "fast path {0}")
    @ValueSource(booleans = {false, true})
    void withoutAGroupTheNearerDcShips(boolean fastPath) {
        OrderFlow flow = flow(fastPath);

        flow.place(order("O-1", line(SKU_A, 2)).build());
        flow.run();

        assertThat(flow.lastDecision("O-1").getAllocations())
                .extracting(a -> tuple(a.getNodeId(), a.getQuantity()))
                .containsExactly(tuple(DC_1, 2));
    }

    @ParameterizedTest(name = "fast path {0}")
    @ValueSource(booleans = {false, true})
    void anOrderNamingAGroupIsRoutedWithinItThoughANodeOutsideHasMore(boolean fastPath) {
        OrderFlow flow = flow(fastPath);

        flow.place(order("O-1", line(SKU_A, 2)).setNodeGroup("SOUTH").build());
        flow.run();

        RoutingDecision d = flow.lastDecision("O-1");
        assertThat(d.getStatus()).isEqualTo(DecisionStatus.ROUTED);
        assertThat(d.getAllocations())
                .extracting(a -> tuple(a.getNodeId(), a.getQuantity()))
                .containsExactly(tuple(DC_2, 2));
        assertThat(d.getCandidates()).allSatisfy(c -> assertThat(c.getNodes()).containsOnly(DC_2));
        assertThat(flow.reserved(SKU_A, DC_2)).isEqualTo(2);
        assertThat(flow.reserved(SKU_A, DC_1)).isZero();
    }

    @ParameterizedTest(name = "fast path {0}")
    @ValueSource(booleans = {false, true})
    void whatTheGroupCannotFillIsBackorderedNotTakenFromOutside(boolean fastPath) {
        OrderFlow flow = flow(fastPath);

        flow.place(order("O-1", line(SKU_A, 5)).setNodeGroup("OUTLET").build());
        flow.run();

        // OUTLET is DC-2 alone: its 3 units, and 5 - 3 = 2 backordered; DC-1's 10 stay untouched
        RoutingDecision d = flow.lastDecision("O-1");
        assertThat(d.getStatus()).isEqualTo(DecisionStatus.PARTIALLY_ROUTED);
        assertThat(d.getAllocations())
                .extracting(a -> tuple(a.getNodeId(), a.getQuantity()))
                .containsExactly(tuple(DC_2, 3));
        assertThat(d.getBackordered()).containsExactly(new OrderLine(SKU_A, 2));
        assertThat(flow.reserved(SKU_A, DC_1)).isZero();
    }

    @ParameterizedTest(name = "fast path {0}")
    @ValueSource(booleans = {false, true})
    void anOrderNamingAGroupNoNodeBelongsToIsRejected(boolean fastPath) {
        OrderFlow flow = flow(fastPath);

        flow.place(order("O-1", line(SKU_A, 2)).setNodeGroup("WEST").build());
        flow.run();

        assertThat(flow.deadLetters)
                .extracting(OrderFlow.DeadLetter::reason)
                .containsExactly(DeadLetterReason.UNKNOWN_NODE_GROUP);
        assertThat(flow.decisionsOf("O-1"))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.getStatus()).isEqualTo(DecisionStatus.REJECTED);
                            assertThat(d.getReason())
                                    .isEqualTo(
                                            "UNKNOWN_NODE_GROUP: no node belongs to node group WEST");
                            assertThat(d.getAllocations()).isEmpty();
                        });
        assertThat(flow.sent(Action.RESERVE)).isEmpty();
        assertThat(flow.reserved(SKU_A, DC_1)).isZero();
        assertThat(flow.reserved(SKU_A, DC_2)).isZero();
    }

    @ParameterizedTest(name = "fast path {0}")
    @ValueSource(booleans = {false, true})
    void aBlankGroupIsNoGroup(boolean fastPath) {
        OrderFlow flow = flow(fastPath);

        flow.place(order("O-1", line(SKU_A, 2)).setNodeGroup(" ").build());
        flow.run();

        assertThat(flow.lastDecision("O-1").getAllocations())
                .extracting(a -> tuple(a.getNodeId(), a.getQuantity()))
                .containsExactly(tuple(DC_1, 2));
    }
}

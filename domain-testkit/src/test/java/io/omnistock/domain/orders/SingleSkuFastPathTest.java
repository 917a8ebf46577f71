package io.omnistock.domain.orders;

import static io.omnistock.domain.orders.OrderFlow.at;
import static io.omnistock.domain.orders.OrderFlow.dc;
import static io.omnistock.domain.orders.OrderFlow.line;
import static io.omnistock.domain.orders.OrderFlow.node;
import static io.omnistock.domain.orders.OrderFlow.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.LifecycleType;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.domain.inventory.EventType;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest.Action;
import io.omnistock.ledger.domain.orders.OrderState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The single-SKU fast path (README, routing) in memory: the SKU's ledger plans a single-SKU order
 * with routing's rules, reserves it atomically and answers ROUTED; routing records the grant and
 * decides with no reservation request. Through {@link OrderFlow}, on the real rules.
 */
class SingleSkuFastPathTest {
    private static final String SKU_A = "SKU-A";
    private static final String SKU_B = "SKU-B";
    private static final String DC_1 = "DC-1";
    private static final String DC_2 = "DC-2";
    private static final String STORE = "STORE-1";

    private static OrderFlow network(OrderFlow flow) {
        return flow.node(dc(DC_1, 100))
                .node(dc(DC_2, 300))
                .node(
                        node(
                                STORE,
                                NodeType.STORE,
                                10,
                                3.00,
                                FulfilmentMethod.BOPIS,
                                FulfilmentMethod.SHIP_TO_HOME));
    }

    private final OrderFlow flow = network(OrderFlow.withSingleSkuFastPath(3));

    @Test
    void aSingleSkuOrderIsPlannedReservedAndAnsweredByItsLedgerWithNoReservationRequest() {
        flow.stock(SKU_A, DC_1, 5).stock(SKU_A, DC_2, 5);

        flow.place(order("O-1", line(SKU_A, 2)));
        flow.run();

        RoutingDecision d = flow.lastDecision("O-1");
        assertThat(flow.decisionsOf("O-1")).hasSize(1);
        assertThat(d.getStatus()).isEqualTo(DecisionStatus.ROUTED);
        assertThat(d.getAttempts()).isEqualTo(1);
        assertThat(d.getAllocations())
                .extracting(a -> tuple(a.getSku(), a.getNodeId(), a.getQuantity()))
                .containsExactly(tuple(SKU_A, DC_1, 2));
        assertThat(d.getCandidates()).isNotEmpty();
        assertThat(flow.sentToLedger).as("routing asked the ledger for nothing").isEmpty();
        assertThat(flow.sentToRouting)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.kind).isEqualTo(StockReply.Kind.ROUTED);
                            assertThat(r.granted)
                                    .extracting(u -> tuple(u.nodeId, u.units))
                                    .containsExactly(tuple(DC_1, 2L));
                            // routing records the ledger's plan, it does not plan again
                            assertThat(d.getAllocations()).isEqualTo(r.allocations);
                            assertThat(d.getCandidates()).isEqualTo(r.candidates);
                        });
        assertThat(flow.reserved(SKU_A, DC_1)).isEqualTo(2);
        assertThat(flow.reserved(SKU_A, DC_2)).isZero();
        assertThat(flow.orderState("O-1").phase).isEqualTo(OrderState.Phase.DECIDED);
    }

    @Test
    void itsDecisionsAreTheLoopsDecisionsInEveryField() {
        for (int seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            OrderFlow loop = randomNetwork(new OrderFlow(3), new Random(seed));
            OrderFlow fast = randomNetwork(OrderFlow.withSingleSkuFastPath(3), new Random(seed));
            for (int n = 0; n < 15; n++) {
                OrderRequest.Builder o =
                        order(
                                        "O-" + n,
                                        line(
                                                random.nextBoolean() ? SKU_A : SKU_B,
                                                1 + random.nextInt(4)))
                                .setPreference(
                                        RoutingPreference.values()[
                                                random.nextInt(RoutingPreference.values().length)]);
                if (random.nextInt(4) == 0) {
                    o.setMethod(FulfilmentMethod.BOPIS).setPickupNodeId(STORE);
                }
                OrderRequest placed = o.build();
                loop.place(OrderRequest.newBuilder(placed).build());
                loop.run();
                fast.place(OrderRequest.newBuilder(placed).build());
                fast.run();
                assertThat(fast.decisionsOf(placed.getOrderId()))
                        .as("seed %d, order %d", seed, n)
                        .usingRecursiveComparison()
                        .isEqualTo(loop.decisionsOf(placed.getOrderId()));
            }
            assertThat(fast.sent(Action.RESERVE)).as("seed %d", seed).isEmpty();
            assertThat(loop.sent(Action.RESERVE)).as("seed %d", seed).isNotEmpty();
            assertThat(reservedEverywhere(fast)).isEqualTo(reservedEverywhere(loop));
        }
    }

    private static OrderFlow randomNetwork(OrderFlow flow, Random random) {
        network(flow);
        for (NodeInfo n : flow.nodes.values()) {
            n.safetyStock = random.nextInt(2);
        }
        for (String sku : List.of(SKU_A, SKU_B)) {
            for (String nodeId : List.of(DC_1, DC_2, STORE)) {
                flow.stock(sku, nodeId, 1 + random.nextInt(5));
            }
        }
        return flow;
    }

    private static Map<String, Long> reservedEverywhere(OrderFlow flow) {
        Map<String, Long> reserved = new TreeMap<>();
        for (String sku : List.of(SKU_A, SKU_B)) {
            for (String nodeId : flow.nodes.keySet()) {
                reserved.put(sku + "|" + nodeId, flow.reserved(sku, nodeId));
            }
        }
        return reserved;
    }

    @Test
    void ordersRacingForTheLastUnitsNeverOversell() {
        flow.nodes.get(DC_1).safetyStock = 2;
        flow.stock(SKU_A, DC_1, 5); // 3 units to promise, and none elsewhere
        List<String> orderIds = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            orderIds.add("O-" + n);
            flow.place(order("O-" + n, line(SKU_A, 1)));
        }
        Random random = new Random(7);
        while (flow.deliverAnyRequest(random) | flow.deliverAnyReply(random)) {
            // every grant is checked against onHand - safetyStock as it is delivered
        }

        Map<DecisionStatus, Integer> statuses = new TreeMap<>();
        for (String orderId : orderIds) {
            assertThat(flow.finalDecisionsOf(orderId)).as(orderId).hasSize(1);
            statuses.merge(flow.lastDecision(orderId).getStatus(), 1, Integer::sum);
        }
        assertThat(statuses)
                .containsEntry(DecisionStatus.ROUTED, 3)
                .containsEntry(DecisionStatus.BACKORDERED, 3);
        assertThat(flow.reserved(SKU_A, DC_1)).isEqualTo(3);
        assertThat(flow.atp(SKU_A, DC_1)).isZero();
        assertThat(flow.sent(Action.RESERVE)).isEmpty();
    }

    @Test
    void aNodesDailyCapacityIsJudgedOnTheLedgersOwnBookings() {
        flow.nodes.get(DC_1).dailyOrderCapacity = 2;
        flow.stock(SKU_A, DC_1, 5);

        flow.place(order("O-1", line(SKU_A, 1)));
        flow.place(order("O-2", line(SKU_A, 1)));
        flow.place(order("O-3", line(SKU_A, 1)));
        flow.run();

        assertThat(flow.sent(Action.RESERVE)).as("all three decided by the ledger").isEmpty();
        assertThat(flow.lastDecision("O-1").getStatus()).isEqualTo(DecisionStatus.ROUTED);
        assertThat(flow.lastDecision("O-2").getStatus()).isEqualTo(DecisionStatus.ROUTED);
        assertThat(flow.lastDecision("O-3").getStatus())
                .as("DC-1 has taken its two orders today")
                .isEqualTo(DecisionStatus.BACKORDERED);
        assertThat(flow.reserved(SKU_A, DC_1)).isEqualTo(2);
    }

    @Test
    void aMultiSkuOrderTakesTheLoop() {
        flow.stock(SKU_A, DC_1, 5).stock(SKU_B, DC_1, 5);

        flow.place(order("O-1", line(SKU_A, 1), line(SKU_B, 1)));
        flow.run();

        assertThat(flow.sent(Action.RESERVE)).hasSize(2);
        assertThat(flow.lastDecision("O-1").getStatus()).isEqualTo(DecisionStatus.ROUTED);
    }

    @Test
    void anOrderRoutingRejectsHoldsNothing() {
        flow.stock(SKU_A, DC_1, 5);

        flow.place(order("O-1", line(SKU_A, 1)).setDestinationLatitude(null));
        flow.run();

        assertThat(flow.deadLetterReasons()).containsExactly(DeadLetterReason.MISSING_DESTINATION);
        assertThat(flow.lastDecision("O-1").getStatus()).isEqualTo(DecisionStatus.REJECTED);
        assertThat(flow.reserved(SKU_A, DC_1)).isZero();
        assertThat(flow.sentToRouting)
                .extracting(r -> r.kind)
                .containsExactly(StockReply.Kind.PROBED);
    }

    @Test
    void anUnknownSkuIsRejectedAsOnTheLoop() {
        flow.stock(SKU_A, DC_1, 5);

        flow.place(order("O-1", line("SKU-NOPE", 1)));
        flow.run();

        assertThat(flow.deadLetterReasons()).containsExactly(DeadLetterReason.UNKNOWN_SKU);
    }

    @Test
    void aCancelReleasesAndAShipmentCommitsWhatTheLedgerHeld() {
        flow.stock(SKU_A, DC_1, 5);
        flow.place(order("O-1", line(SKU_A, 2)));
        flow.place(order("O-2", line(SKU_A, 1)));
        flow.run();
        assertThat(flow.reserved(SKU_A, DC_1)).isEqualTo(3);

        flow.lifecycle("O-1", LifecycleType.CANCELLED);
        flow.lifecycle("O-2", LifecycleType.SHIPPED);
        flow.run();

        assertThat(flow.reserved(SKU_A, DC_1)).isZero();
        assertThat(flow.onHand(SKU_A, DC_1)).isEqualTo(4);
        assertThat(flow.orderState("O-1").phase).isEqualTo(OrderState.Phase.CLOSED);
    }

    @Test
    void aNodeShortageReRoutesWhatTheFastPathHeld() {
        flow.stock(SKU_A, DC_1, 2).stock(SKU_A, DC_2, 5);
        flow.place(order("O-1", line(SKU_A, 2)));
        flow.run();

        flow.inventory(EventType.DAMAGE, SKU_A, DC_1, 2, at(9, 0));
        flow.run();

        RoutingDecision d = flow.lastDecision("O-1");
        assertThat(d.getStatus()).isEqualTo(DecisionStatus.RE_ROUTED);
        assertThat(d.getAllocations())
                .extracting(a -> tuple(a.getNodeId(), a.getQuantity()))
                .containsExactly(tuple(DC_2, 2));
        assertThat(flow.reserved(SKU_A, DC_2)).isEqualTo(2);
    }

    @Test
    void aSecondOrderUnderTheSameIdGivesBackWhatTheLedgerReservedForIt() {
        flow.stock(SKU_A, DC_1, 2);
        flow.sale(SKU_A, DC_1, 2, at(7, 0)); // known, nothing to promise
        flow.place(order("O-1", line(SKU_A, 1)));
        flow.run();
        assertThat(flow.lastDecision("O-1").getStatus()).isEqualTo(DecisionStatus.BACKORDERED);

        flow.inventory(EventType.RECEIPT, SKU_A, DC_1, 3, at(7, 30));
        flow.place(order("O-1", line(SKU_A, 1))); // another event under the same order id
        flow.run();

        assertThat(flow.deadLetterReasons()).containsExactly(DeadLetterReason.DUPLICATE_ORDER);
        assertThat(flow.sent(Action.RELEASE)).hasSize(1);
        assertThat(flow.reserved(SKU_A, DC_1)).isZero();
        assertThat(flow.decisionsOf("O-1")).hasSize(1);
    }

    @Test
    void aRedeliveredOrderIsHeldOnce() {
        flow.stock(SKU_A, DC_1, 5);
        OrderRequest o = order("O-1", line(SKU_A, 2)).build();
        flow.place(OrderRequest.newBuilder(o).build());
        flow.place(OrderRequest.newBuilder(o).build());
        flow.run();

        assertThat(flow.reserved(SKU_A, DC_1)).isEqualTo(2);
        assertThat(flow.decisionsOf("O-1")).hasSize(1);
        assertThat(flow.heldByLedger("O-1")).isEqualTo(Map.of(SKU_A + "|" + DC_1, 2L));
    }
}

package io.omnistock.domain.orders;

import static io.omnistock.domain.orders.OrderFlow.at;
import static io.omnistock.domain.orders.OrderFlow.dc;
import static io.omnistock.domain.orders.OrderFlow.line;
import static io.omnistock.domain.orders.OrderFlow.node;
import static io.omnistock.domain.orders.OrderFlow.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.InboundPromise;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.RoutingDecision;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Promises against inbound supply: a line routing must backorder is promised against inbound
 * supply, the earliest ETA by which ASNs still expected at one node that may fulfil the order add
 * up to its units.
 */
class InboundPromiseTest {
    private static final String SKU = "SKU-A";
    private static final String DC_1 = "DC-1";
    private static final String DC_2 = "DC-2";
    private static final String STORE = "STORE-1";
    private static final long DAY = 24 * 3_600_000L;

    private final OrderFlow flow =
            new OrderFlow(3)
                    .node(dc(DC_1, 100))
                    .node(dc(DC_2, 300))
                    .node(node(STORE, NodeType.STORE, 10, 3.00, FulfilmentMethod.BOPIS));

    @Test
    void aBackorderedLineIsPromisedAtTheEarliestEtaThatCoversIt() {
        flow.stock(SKU, DC_1, 1);
        flow.asn(SKU, DC_1, "ASN-1", 10, at(7, 0), at(7, 0) + 2 * DAY); // covers 6 at +2 d
        flow.asn(SKU, DC_2, "ASN-2", 5, at(7, 0), at(7, 0) + DAY); // 5 < 6 alone...
        flow.asn(SKU, DC_2, "ASN-3", 3, at(7, 0), at(7, 0) + DAY + DAY / 2); // ...8 at +1.5 d
        flow.asn(
                SKU, STORE, "ASN-4", 50, at(7, 0), at(7, 0) + DAY / 2); // pickup only: not eligible

        RoutingDecision d = flow.route(order("O-1", line(SKU, 6)).build());

        assertThat(d.getStatus()).isEqualTo(DecisionStatus.PARTIALLY_ROUTED);
        assertThat(d.getAllocations()).hasSize(1);
        assertThat(d.getBackordered())
                .singleElement()
                .satisfies(l -> assertThat(l.getQuantity()).isEqualTo(5));
        assertThat(d.getInboundPromises())
                .extracting(
                        InboundPromise::getSku,
                        InboundPromise::getQuantity,
                        InboundPromise::getNodeId,
                        InboundPromise::getExpectedAt)
                .containsExactly(tuple(SKU, 5, DC_2, Instant.ofEpochMilli(at(7, 0) + DAY)));
    }

    @Test
    void cumulativeInboundAtOneNodeCanCoverALine() {
        flow.asn(SKU, DC_1, "ASN-1", 10, at(7, 0), at(7, 0) + 2 * DAY);
        flow.asn(SKU, DC_2, "ASN-2", 5, at(7, 0), at(7, 0) + DAY);
        flow.asn(SKU, DC_2, "ASN-3", 3, at(7, 0), at(7, 0) + DAY + DAY / 2);

        RoutingDecision d = flow.route(order("O-1", line(SKU, 6)).build());

        // DC-2 has 5 by +1 d and 8 by +1.5 d; DC-1 has 10 only at +2 d
        assertThat(d.getStatus()).isEqualTo(DecisionStatus.BACKORDERED);
        assertThat(d.getInboundPromises())
                .extracting(InboundPromise::getNodeId, InboundPromise::getExpectedAt)
                .containsExactly(tuple(DC_2, Instant.ofEpochMilli(at(7, 0) + DAY + DAY / 2)));
    }

    @Test
    void noPromiseWithoutEnoughInboundOrAtAClosedNode() {
        flow.asn(SKU, DC_1, "ASN-1", 4, at(7, 0), at(7, 0) + DAY);
        flow.asn(SKU, DC_2, "ASN-2", 20, at(7, 0), at(7, 0) + DAY);
        flow.changeStatus(DC_2, NodeStatus.CLOSED, at(7, 30));

        RoutingDecision d = flow.route(order("O-1", line(SKU, 6)).build());

        assertThat(d.getStatus()).isEqualTo(DecisionStatus.BACKORDERED);
        assertThat(d.getInboundPromises()).isEmpty();
    }
}

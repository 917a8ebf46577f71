package io.omnistock.domain.quotes;

import static io.omnistock.avro.FulfilmentMethod.BOPIS;
import static io.omnistock.avro.FulfilmentMethod.SHIP_FROM_STORE;
import static io.omnistock.domain.quotes.QuoteFixtures.CUSTOMER;
import static io.omnistock.domain.quotes.QuoteFixtures.QUOTE_TIME;
import static io.omnistock.domain.quotes.QuoteFixtures.SKU_A;
import static io.omnistock.domain.quotes.QuoteFixtures.SKU_B;
import static io.omnistock.domain.quotes.QuoteFixtures.dc;
import static io.omnistock.domain.quotes.QuoteFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.OrderLine;
import io.omnistock.avro.QuoteError;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.QuoteStatus;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.orders.OrderRouting;
import io.omnistock.domain.planning.CapacityView;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.quotes.QuoteState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One quote from request to response: validation, the ledger's answers, timeouts, state. */
class DeliveryQuotesTest {
    private final DeliveryQuotes quotes =
            new DeliveryQuotes(
                    new DeliveryOptions(QuoteFixtures.router(), QuoteSettings.defaults()),
                    new QuoteValidator(LedgerSettings.defaults()));
    private final Net net =
            new Net(dc("D1", 100, 1.00), store("S1", 10, 2.00, SHIP_FROM_STORE, BOPIS));
    private final List<QuoteResponse> responses = new ArrayList<>();
    private final QuoteState state = new QuoteState();

    private static QuoteRequest.Builder request(OrderLine... lines) {
        return QuoteRequest.newBuilder()
                .setEventId("E-1")
                .setEventTime(Instant.ofEpochMilli(QUOTE_TIME))
                .setRequestId("Q-1")
                .setChannel("WEB")
                .setLines(List.of(lines))
                .setDestinationLatitude(CUSTOMER.latitude())
                .setDestinationLongitude(CUSTOMER.longitude())
                .setPreference(RoutingPreference.BALANCED);
    }

    private static StockReply quoted(String sku, boolean known, NodeUnits... atp) {
        StockReply reply = new StockReply();
        reply.kind = StockReply.Kind.QUOTED;
        reply.orderId = "E-1";
        reply.requestId = "E-1";
        reply.sku = sku;
        reply.eventTime = QUOTE_TIME;
        reply.knownSku = known;
        reply.units = new ArrayList<>(List.of(atp));
        return reply;
    }

    @Test
    void theResponseComesWhenEverySkuIsAnsweredAndTheStateIsThenDone() {
        QuoteRequest quote = request(new OrderLine(SKU_A, 1), new OrderLine(SKU_B, 1)).build();

        assertThat(quotes.onQuote(quote, state, net, responses::add)).isFalse();
        assertThat(
                        quotes.onReply(
                                quoted(SKU_A, true, new NodeUnits("D1", 3)),
                                state,
                                net,
                                responses::add))
                .isFalse();
        assertThat(responses).isEmpty();
        assertThat(
                        quotes.onReply(
                                quoted(SKU_B, true, new NodeUnits("D1", 3)),
                                state,
                                net,
                                responses::add))
                .isTrue();

        assertThat(responses).hasSize(1);
        QuoteResponse response = responses.get(0);
        assertThat(response.getStatus()).isEqualTo(QuoteStatus.OK);
        assertThat(response.getRequestId()).isEqualTo("Q-1");
        assertThat(response.getRequestEventId()).isEqualTo("E-1");
        assertThat(response.getUnitsQuoted()).isEqualTo(2);
        assertThat(response.getOptions()).isNotEmpty();
    }

    @Test
    void duplicateCartLinesAreQuotedAsOneLineAsRoutingMergesThem() {
        QuoteRequest quote = request(new OrderLine(SKU_A, 1), new OrderLine(SKU_A, 2)).build();

        quotes.onQuote(quote, state, net, responses::add);
        quotes.onReply(quoted(SKU_A, true, new NodeUnits("D1", 3)), state, net, responses::add);

        assertThat(responses.get(0).getUnitsQuoted()).isEqualTo(3);
        assertThat(responses.get(0).getOptions().get(0).getPlan().get(0).getLines())
                .containsExactly(new OrderLine(SKU_A, 3));
    }

    @Test
    void answersThatComeBeforeTheRequestAreKept() {
        QuoteRequest quote = request(new OrderLine(SKU_A, 1)).build();

        assertThat(
                        quotes.onReply(
                                quoted(SKU_A, true, new NodeUnits("D1", 3)),
                                state,
                                net,
                                responses::add))
                .isFalse();
        assertThat(quotes.onQuote(quote, state, net, responses::add)).isTrue();

        assertThat(responses)
                .singleElement()
                .extracting(QuoteResponse::getStatus)
                .isEqualTo(QuoteStatus.OK);
    }

    @Test
    void noStockAnywhereIsUnavailable() {
        quotes.onQuote(request(new OrderLine(SKU_A, 1)).build(), state, net, responses::add);
        quotes.onReply(quoted(SKU_A, true), state, net, responses::add);

        assertThat(responses.get(0).getStatus()).isEqualTo(QuoteStatus.UNAVAILABLE);
        assertThat(responses.get(0).getOptions()).isEmpty();
    }

    @Test
    void anUnknownSkuIsAnError() {
        quotes.onQuote(request(new OrderLine(SKU_A, 1)).build(), state, net, responses::add);
        quotes.onReply(quoted(SKU_A, false), state, net, responses::add);

        assertThat(responses.get(0).getStatus()).isEqualTo(QuoteStatus.ERROR);
        assertThat(responses.get(0).getErrorReason()).isEqualTo(QuoteError.UNKNOWN_SKU);
        assertThat(responses.get(0).getErrorMessage()).isEqualTo("unknown SKU SKU-A");
    }

    @Test
    void anInvalidRequestIsAnsweredAtOnceAndForgottenWhenItsProbesAreBack() {
        QuoteRequest noDestination =
                request(new OrderLine(SKU_A, 1))
                        .setDestinationLatitude(null)
                        .setDestinationLongitude(null)
                        .build();

        assertThat(quotes.onQuote(noDestination, state, net, responses::add)).isFalse();
        assertThat(responses)
                .singleElement()
                .extracting(QuoteResponse::getErrorReason)
                .isEqualTo(QuoteError.NO_DESTINATION);
        assertThat(quotes.onReply(quoted(SKU_A, true), state, net, responses::add)).isTrue();
        assertThat(responses).hasSize(1);
    }

    @Test
    void everyRuleHasItsReason() {
        assertThat(errorFor(request())).isEqualTo(QuoteError.EMPTY_CART);
        assertThat(errorFor(request(new OrderLine(" ", 1)))).isEqualTo(QuoteError.MISSING_SKU);
        assertThat(errorFor(request(new OrderLine(SKU_A, 0))))
                .isEqualTo(QuoteError.INVALID_QUANTITY);
        assertThat(errorFor(request(new OrderLine(SKU_A, -2))))
                .isEqualTo(QuoteError.INVALID_QUANTITY);
        assertThat(errorFor(request(new OrderLine(SKU_A, 1)).setDestinationLatitude(95.0)))
                .isEqualTo(QuoteError.INVALID_COORDINATES);
        assertThat(errorFor(request(new OrderLine(SKU_A, 1)).setPickupNodeId("NOWHERE")))
                .isEqualTo(QuoteError.UNKNOWN_PICKUP_NODE);
        assertThat(
                        errorFor(
                                request(new OrderLine(SKU_A, 1))
                                        .setEventTime(
                                                Instant.ofEpochMilli(QUOTE_TIME)
                                                        .plusSeconds(86_400))))
                .isEqualTo(QuoteError.FUTURE_EVENT_TIME);
        // a pickup store alone is a destination
        assertThat(
                        errorFor(
                                request(new OrderLine(SKU_A, 1))
                                        .setDestinationLatitude(null)
                                        .setDestinationLongitude(null)
                                        .setPickupNodeId("S1")))
                .isNull();
    }

    @Test
    void aQuoteWithoutItsStockIsAnsweredTimedOutOnce() {
        quotes.onQuote(
                request(new OrderLine(SKU_A, 1), new OrderLine(SKU_B, 1)).build(),
                state,
                net,
                responses::add);
        quotes.onReply(quoted(SKU_A, true, new NodeUnits("D1", 1)), state, net, responses::add);

        quotes.onTimeout(state, responses::add);
        quotes.onTimeout(state, responses::add);

        assertThat(responses)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getStatus()).isEqualTo(QuoteStatus.ERROR);
                            assertThat(r.getErrorReason()).isEqualTo(QuoteError.TIMED_OUT);
                            assertThat(r.getErrorMessage()).isEqualTo("no stock answer for SKU-B");
                        });
    }

    @Test
    void aRedeliveredRequestInFlightIsAnsweredOnce() {
        QuoteRequest quote = request(new OrderLine(SKU_A, 1)).build();

        quotes.onQuote(quote, state, net, responses::add);
        quotes.onQuote(quote, state, net, responses::add);
        quotes.onReply(quoted(SKU_A, true, new NodeUnits("D1", 3)), state, net, responses::add);

        assertThat(responses).hasSize(1);
    }

    @Test
    void aCartNamingAGroupNoNodeBelongsToIsAnsweredWithAnError() {
        List<QuoteResponse> out = new ArrayList<>();
        quotes.onQuote(
                request(new OrderLine(SKU_A, 1)).setNodeGroup("BRAND-Z").build(),
                new QuoteState(),
                net,
                out::add);

        assertThat(out)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getStatus()).isEqualTo(QuoteStatus.ERROR);
                            assertThat(r.getErrorReason()).isEqualTo(QuoteError.UNKNOWN_NODE_GROUP);
                            assertThat(r.getErrorMessage())
                                    .isEqualTo("no node belongs to node group BRAND-Z");
                        });
    }

    @Test
    void aCartNamingAGroupIsQuotedOnItsNodesOnly() {
        // D1 (DC, 100 km) is in NORTH; S1 (store, 10 km, ship-from-store and BOPIS) in BRAND-A
        Net grouped =
                new Net(
                        dc("D1", 100, 1.00).inGroups(List.of("NORTH")),
                        store("S1", 10, 2.00, SHIP_FROM_STORE, BOPIS).inGroups(List.of("BRAND-A")));

        assertThat(optionsFor(grouped, null))
                .containsExactly("SHIP_TO_HOME@D1", "SHIP_FROM_STORE@S1", "BOPIS@S1");
        assertThat(optionsFor(grouped, "NORTH")).containsExactly("SHIP_TO_HOME@D1");
        assertThat(optionsFor(grouped, "BRAND-A"))
                .containsExactly("SHIP_FROM_STORE@S1", "BOPIS@S1");
    }

    /** The options of a one-unit cart with 5 units at D1 and S1: method@nodes. */
    private List<String> optionsFor(Net network, String group) {
        List<QuoteResponse> out = new ArrayList<>();
        QuoteState s = new QuoteState();
        quotes.onQuote(
                request(new OrderLine(SKU_A, 1)).setNodeGroup(group).build(), s, network, out::add);
        quotes.onReply(
                quoted(SKU_A, true, new NodeUnits("D1", 5), new NodeUnits("S1", 5)),
                s,
                network,
                out::add);
        assertThat(out)
                .singleElement()
                .extracting(QuoteResponse::getStatus)
                .isEqualTo(QuoteStatus.OK);
        List<String> options = new ArrayList<>();
        out.get(0)
                .getOptions()
                .forEach(
                        o -> {
                            List<String> nodes = new ArrayList<>();
                            o.getPlan().forEach(shipment -> nodes.add(shipment.getNodeId()));
                            options.add(o.getMethod() + "@" + String.join("+", nodes));
                        });
        return options;
    }

    private QuoteError errorFor(QuoteRequest.Builder request) {
        List<QuoteResponse> out = new ArrayList<>();
        quotes.onQuote(request.build(), new QuoteState(), net, out::add);
        return out.isEmpty() ? null : out.get(0).getErrorReason();
    }

    /** The nodes, unlimited capacity, and "now" at the quote's time. */
    private static final class Net implements OrderRouting.Network {
        private final Map<String, NodeInfo> nodes = new LinkedHashMap<>();

        Net(NodeInfo... all) {
            for (NodeInfo node : all) {
                nodes.put(node.nodeId, node);
            }
        }

        @Override
        public NodeInfo node(String nodeId) {
            return nodes.get(nodeId);
        }

        @Override
        public Collection<NodeInfo> nodes() {
            return nodes.values();
        }

        @Override
        public CapacityView capacity() {
            return CapacityView.UNLIMITED;
        }

        @Override
        public void booked(NodeInfo node, long orderTime) {
            throw new AssertionError("a quote books nothing");
        }

        @Override
        public long nowMillis() {
            return QUOTE_TIME;
        }
    }
}

package io.omnistock.domain.quotes;

import static io.omnistock.avro.FulfilmentMethod.SHIP_FROM_STORE;
import static io.omnistock.avro.FulfilmentMethod.SHIP_TO_HOME;
import static io.omnistock.domain.quotes.QuoteFixtures.CUSTOMER;
import static io.omnistock.domain.quotes.QuoteFixtures.QUOTE_TIME;
import static io.omnistock.domain.quotes.QuoteFixtures.SKU_A;
import static io.omnistock.domain.quotes.QuoteFixtures.TEST_FACTORS;
import static io.omnistock.domain.quotes.QuoteFixtures.close;
import static io.omnistock.domain.quotes.QuoteFixtures.dc;
import static io.omnistock.domain.quotes.QuoteFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.DeliveryOption;
import io.omnistock.avro.DeliverySpeed;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.QuoteStatus;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.inventory.Rejection;
import io.omnistock.domain.orders.OrderRouting;
import io.omnistock.domain.orders.OrderValidator;
import io.omnistock.domain.planning.CapacityView;
import io.omnistock.domain.planning.Router;
import io.omnistock.domain.sourcing.SourcingRuleSet;
import io.omnistock.domain.sourcing.SourcingRules;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import io.omnistock.ledger.domain.orders.OrderState;
import io.omnistock.ledger.domain.quotes.QuoteState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Quotes and orders under the same sourcing rules. A DC 100 km north (handling 1.00) and a store 10
 * km north (handling 2.00, ships from store), 5 units of SKU-A each. Rule set v3 sends MARKETPLACE
 * orders to DCs only, in one parcel, and rejects 10 units or more. A marketplace quote then offers
 * home delivery from the DC only (no ship-from-store option, no same-day one: the store is the only
 * node within the same-day radius), each option naming the rule; the order placed with the standard
 * option is routed to exactly that plan, at the option's cost and ETA, and its decision names the
 * same rule and version. A quote of 10 units is UNAVAILABLE, and the order of 10 is REJECTED by the
 * rule. When the ledger answers that SKU-A is FRAGILE, a web cart and order go to the DC only under
 * {@code fragile-dcs}.
 */
class SourcingRulesQuotesAndOrdersTest {
    private static final String RULES =
            """
            marketplace-dcs: channel=MARKETPLACE -> nodes=DC & max-split=1
            bulk: units>=10 -> REJECT "through the B2B desk"
            fragile-dcs: category=FRAGILE -> nodes=DC
            """;

    private final Router router = QuoteFixtures.router();
    private final SourcingRules rules =
            SourcingRules.of(router, SourcingRuleSet.parse("default", 3, RULES), TEST_FACTORS);
    private final Net net =
            new Net(rules, dc("D1", 100, 1.00), store("S1", 10, 2.00, SHIP_FROM_STORE));

    @Test
    void theOrderPlacedWithAQuotedOptionGetsThatPlanUnderTheSameRule() {
        QuoteResponse response = quote("MARKETPLACE", 2);

        assertThat(response.getStatus()).isEqualTo(QuoteStatus.OK);
        assertThat(response.getRuleSetVersion()).isEqualTo(3L);
        assertThat(response.getOptions())
                .extracting(o -> o.getMethod() + "/" + o.getSpeed())
                .containsExactly("SHIP_TO_HOME/STANDARD");
        DeliveryOption standard = response.getOptions().get(0);
        assertThat(standard.getSpeed()).isEqualTo(DeliverySpeed.STANDARD);
        assertThat(standard.getRuleId()).isEqualTo("marketplace-dcs");
        assertThat(standard.getPlan()).extracting(s -> s.getNodeId()).containsExactly("D1");

        RoutingDecision decision = order("MARKETPLACE", 2, standard);

        assertThat(decision.getStatus()).isEqualTo(DecisionStatus.ROUTED);
        assertThat(decision.getRuleId()).isEqualTo("marketplace-dcs");
        assertThat(decision.getRuleSetVersion()).isEqualTo(3L);
        assertThat(decision.getAllocations())
                .extracting(a -> a.getNodeId() + ":" + a.getQuantity())
                .containsExactly("D1:2");
        assertThat(decision.getTotalCost()).isCloseTo(standard.getShippingCost(), close());
        assertThat(decision.getAllocations().get(0).getEta()).isEqualTo(standard.getEta());
        assertThat(decision.getTotalCo2eKg()).isCloseTo(standard.getCo2eKg(), close());
    }

    @Test
    void aWebCartIsQuotedAndRoutedUnderTheFallbackWithTheStoreAmongItsNodes() {
        QuoteResponse response = quote("WEB", 2);

        assertThat(response.getRuleSetVersion()).isEqualTo(3L);
        assertThat(response.getOptions())
                .isNotEmpty()
                .allSatisfy(o -> assertThat(o.getRuleId()).isEqualTo(SourcingRules.FALLBACK));
        assertThat(response.getOptions()).extracting(o -> o.getMethod()).contains(SHIP_FROM_STORE);
        DeliveryOption fromStore =
                response.getOptions().stream()
                        .filter(o -> o.getMethod() == SHIP_FROM_STORE)
                        .findFirst()
                        .orElseThrow();

        RoutingDecision decision = order("WEB", 2, fromStore);

        assertThat(decision.getRuleId()).isEqualTo(SourcingRules.FALLBACK);
        assertThat(decision.getAllocations())
                .extracting(a -> a.getNodeId())
                .containsExactlyElementsOf(
                        fromStore.getPlan().stream().map(s -> s.getNodeId()).toList());
        assertThat(decision.getTotalCost()).isCloseTo(fromStore.getShippingCost(), close());
    }

    @Test
    void aRuleThatRejectsLeavesTheQuoteUnavailableAndRejectsTheOrder() {
        // the store and the DC together hold 10, but bulk rejects every option's order
        QuoteResponse response = quote("WEB", 10);

        assertThat(response.getStatus()).isEqualTo(QuoteStatus.UNAVAILABLE);
        assertThat(response.getOptions()).isEmpty();

        OrderRequest request =
                request("WEB", 10)
                        .setMethod(SHIP_TO_HOME)
                        .setShipFromStoreAllowed(true)
                        .setPromiseBy(Instant.ofEpochMilli(QUOTE_TIME + 3 * 86_400_000L))
                        .build();
        RoutingDecision decision =
                route(request, List.of(new NodeUnits("D1", 5), new NodeUnits("S1", 5)));

        assertThat(decision.getStatus()).isEqualTo(DecisionStatus.REJECTED);
        assertThat(decision.getReason())
                .isEqualTo("REJECT by rule bulk (v3): through the B2B desk");
        assertThat(decision.getRuleId()).isEqualTo("bulk");
        assertThat(decision.getAllocations()).isEmpty();
    }

    @Test
    void withNoRuleSetTheJobOptionsDecideAndNothingIsNamed() {
        Net plain = new Net(null, dc("D1", 100, 1.00), store("S1", 10, 2.00, SHIP_FROM_STORE));
        QuoteResponse response = quote("MARKETPLACE", 2, plain);

        assertThat(response.getRuleSetVersion()).isNull();
        assertThat(response.getOptions()).allSatisfy(o -> assertThat(o.getRuleId()).isNull());
        assertThat(response.getOptions()).extracting(o -> o.getMethod()).contains(SHIP_FROM_STORE);
    }

    @Test
    void theCategoryTheLedgerAnswersDecidesQuotesAndOrdersByCategory() {
        QuoteResponse response = quote("WEB", 2, net, "fragile");

        assertThat(response.getOptions())
                .isNotEmpty()
                .allSatisfy(o -> assertThat(o.getRuleId()).isEqualTo("fragile-dcs"))
                .allSatisfy(
                        o ->
                                assertThat(o.getPlan())
                                        .extracting(p -> p.getNodeId())
                                        .containsOnly("D1"));

        OrderRequest request =
                request("WEB", 2)
                        .setMethod(SHIP_TO_HOME)
                        .setShipFromStoreAllowed(true)
                        .setPromiseBy(Instant.ofEpochMilli(QUOTE_TIME + 3 * 86_400_000L))
                        .build();
        List<NodeUnits> atp = List.of(new NodeUnits("D1", 5), new NodeUnits("S1", 5));
        RoutingDecision fragile = route(request, atp, "fragile");
        RoutingDecision plain = route(request, atp, "toys");

        assertThat(fragile.getRuleId()).isEqualTo("fragile-dcs");
        assertThat(fragile.getAllocations())
                .extracting(a -> a.getNodeId() + ":" + a.getQuantity())
                .containsExactly("D1:2");
        assertThat(plain.getRuleId()).isEqualTo(SourcingRules.FALLBACK);
    }

    private QuoteResponse quote(String channel, int units) {
        return quote(channel, units, net);
    }

    private QuoteResponse quote(String channel, int units, Net network) {
        return quote(channel, units, network, null);
    }

    private QuoteResponse quote(String channel, int units, Net network, String category) {
        DeliveryQuotes quotes =
                new DeliveryQuotes(
                        new DeliveryOptions(router, QuoteSettings.defaults()),
                        new QuoteValidator(LedgerSettings.defaults()));
        List<QuoteResponse> responses = new ArrayList<>();
        QuoteState state = new QuoteState();
        QuoteRequest quote =
                QuoteRequest.newBuilder()
                        .setEventId("E-1")
                        .setEventTime(Instant.ofEpochMilli(QUOTE_TIME))
                        .setRequestId("Q-1")
                        .setChannel(channel)
                        .setLines(List.of(new OrderLine(SKU_A, units)))
                        .setDestinationLatitude(CUSTOMER.latitude())
                        .setDestinationLongitude(CUSTOMER.longitude())
                        .setPreference(RoutingPreference.BALANCED)
                        .build();
        quotes.onQuote(quote, state, network, responses::add);
        StockReply reply = new StockReply();
        reply.kind = StockReply.Kind.QUOTED;
        reply.orderId = "E-1";
        reply.requestId = "E-1";
        reply.sku = SKU_A;
        reply.eventTime = QUOTE_TIME;
        reply.knownSku = true;
        reply.units = new ArrayList<>(List.of(new NodeUnits("D1", 5), new NodeUnits("S1", 5)));
        reply.category = category;
        quotes.onReply(reply, state, network, responses::add);
        assertThat(responses).hasSize(1);
        return responses.get(0);
    }

    private static OrderRequest.Builder request(String channel, int units) {
        return OrderRequest.newBuilder()
                .setEventId("O-1@1")
                .setEventTime(Instant.ofEpochMilli(QUOTE_TIME))
                .setOrderId("O-1")
                .setChannel(channel)
                .setLines(new ArrayList<>(List.of(new OrderLine(SKU_A, units))))
                .setDestinationLatitude(CUSTOMER.latitude())
                .setDestinationLongitude(CUSTOMER.longitude())
                .setPreference(RoutingPreference.BALANCED)
                .setRegion("EAST");
    }

    /** The order a shopper places with the option: its method, promise and preference. */
    private RoutingDecision order(String channel, int units, DeliveryOption option) {
        OrderRequest request =
                request(channel, units)
                        .setMethod(option.getOrderMethod())
                        .setShipFromStoreAllowed(option.getShipFromStoreAllowed())
                        .setPreference(option.getPreference())
                        .setPromiseBy(option.getPromiseBy())
                        .build();
        return route(request, List.of(new NodeUnits("D1", 5), new NodeUnits("S1", 5)));
    }

    /** Probe, plan, reserve (granted in full), decide. */
    private RoutingDecision route(OrderRequest request, List<NodeUnits> atp) {
        return route(request, atp, null);
    }

    private RoutingDecision route(OrderRequest request, List<NodeUnits> atp, String category) {
        OrderRouting routing =
                new OrderRouting(router, new OrderValidator(LedgerSettings.defaults()), 3);
        OrderState s = new OrderState();
        Out out = new Out();
        routing.onOrder(request, s, net, out);
        StockReply probed = new StockReply();
        probed.kind = StockReply.Kind.PROBED;
        probed.orderId = request.getOrderId();
        probed.requestId = request.getEventId();
        probed.sku = SKU_A;
        probed.eventTime = QUOTE_TIME;
        probed.knownSku = true;
        probed.units = new ArrayList<>(atp);
        probed.category = category;
        routing.onReply(probed, s, net, out);
        for (StockRequest reserve : new ArrayList<>(out.requests)) {
            StockReply granted = new StockReply();
            granted.kind = StockReply.Kind.GRANTED;
            granted.orderId = reserve.orderId;
            granted.requestId = reserve.eventId;
            granted.sku = reserve.sku;
            granted.attempt = reserve.attempt;
            granted.eventTime = QUOTE_TIME;
            granted.units = new ArrayList<>(reserve.units);
            routing.onReply(granted, s, net, out);
        }
        assertThat(out.rejections).isEmpty();
        assertThat(out.decisions).hasSize(1);
        return out.decisions.get(0);
    }

    private static final class Out implements OrderRouting.Output {
        final List<StockRequest> requests = new ArrayList<>();
        final List<RoutingDecision> decisions = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();

        @Override
        public void request(StockRequest request) {
            requests.add(request);
        }

        @Override
        public void decision(RoutingDecision decision) {
            decisions.add(decision);
        }

        @Override
        public void rejected(String eventId, Rejection rejection) {
            rejections.add(rejection);
        }
    }

    private static final class Net implements OrderRouting.Network {
        private final Map<String, NodeInfo> nodes = new LinkedHashMap<>();
        private final SourcingRules rules;

        Net(SourcingRules rules, NodeInfo... all) {
            this.rules = rules;
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
        public void booked(NodeInfo node, long orderTime) {}

        @Override
        public long nowMillis() {
            return QUOTE_TIME;
        }

        @Override
        public SourcingRules sourcing() {
            return rules;
        }
    }
}

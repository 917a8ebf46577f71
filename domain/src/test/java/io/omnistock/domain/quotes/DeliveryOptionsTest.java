package io.omnistock.domain.quotes;

import static io.omnistock.avro.FulfilmentMethod.BOPIS;
import static io.omnistock.avro.FulfilmentMethod.CURBSIDE;
import static io.omnistock.avro.FulfilmentMethod.SAME_DAY;
import static io.omnistock.avro.FulfilmentMethod.SHIP_FROM_STORE;
import static io.omnistock.avro.FulfilmentMethod.SHIP_TO_HOME;
import static io.omnistock.domain.quotes.QuoteFixtures.CUSTOMER;
import static io.omnistock.domain.quotes.QuoteFixtures.QUOTE_TIME;
import static io.omnistock.domain.quotes.QuoteFixtures.SKU_A;
import static io.omnistock.domain.quotes.QuoteFixtures.SKU_B;
import static io.omnistock.domain.quotes.QuoteFixtures.cart;
import static io.omnistock.domain.quotes.QuoteFixtures.close;
import static io.omnistock.domain.quotes.QuoteFixtures.dc;
import static io.omnistock.domain.quotes.QuoteFixtures.hoursAfterQuote;
import static io.omnistock.domain.quotes.QuoteFixtures.line;
import static io.omnistock.domain.quotes.QuoteFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.ConsolidationSuggestion;
import io.omnistock.avro.DeliveryOption;
import io.omnistock.avro.DeliverySpeed;
import io.omnistock.avro.QuoteLabel;
import io.omnistock.avro.QuotedShipment;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.TransportMode;
import io.omnistock.domain.planning.CapacityView;
import io.omnistock.domain.planning.Order;
import io.omnistock.domain.planning.PlannedLine;
import io.omnistock.domain.planning.Router;
import io.omnistock.domain.planning.ScoredPlan;
import io.omnistock.domain.planning.Shipment;
import io.omnistock.ledger.domain.NodeInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Options and labels on a tiny network, figures computed by hand (see {@link QuoteFixtures} for the
 * rates and factors). The cart is 2 x SKU-A (2 kg = 0.002 t) unless a test says otherwise.
 */
class DeliveryOptionsTest {
    private final Router router = QuoteFixtures.router();
    private final DeliveryOptions options = new DeliveryOptions(router, QuoteSettings.defaults());

    /** 600 km: ground 720 km; air 660 km. */
    private final NodeInfo farDc = dc("D1", 600, 1.00);

    /** 10 km: ground 12 km, van 15 km; ships from store, pickup, same day. */
    private final NodeInfo nearStore =
            store("S1", 10, 2.00, SHIP_FROM_STORE, BOPIS, CURBSIDE, SAME_DAY);

    /** 20 km, BOPIS only, with one unit: cannot collect the whole cart. */
    private final NodeInfo thinStore = store("S3", 20, 2.00, BOPIS);

    /** 40 km, BOPIS only: outside the 25 km pickup radius. */
    private final NodeInfo outerStore = store("S2", 40, 2.00, BOPIS);

    private final QuoteFixtures.Stock stock =
            new QuoteFixtures.Stock()
                    .with(SKU_A, "D1", 5)
                    .with(SKU_A, "S1", 2)
                    .with(SKU_A, "S3", 1)
                    .with(SKU_A, "S2", 5);

    private List<DeliveryOption> quote(DeliveryOptions.Cart cart, NodeInfo... nodes) {
        return options.build(cart, List.of(nodes), stock, CapacityView.UNLIMITED);
    }

    @Nested
    class EveryMethod {
        private final List<DeliveryOption> quoted =
                quote(
                        cart(RoutingPreference.BALANCED, line(SKU_A, 2)),
                        farDc,
                        nearStore,
                        thinStore,
                        outerStore);

        @Test
        void oneOptionPerFeasibleChoiceInTheDocumentedOrder() {
            // S3 holds 1 of 2 units, S2 is 40 km away: neither is a pickup option
            assertThat(quoted)
                    .extracting(
                            DeliveryOption::getMethod,
                            DeliveryOption::getSpeed,
                            DeliveryOption::getPickupNodeId)
                    .containsExactly(
                            tuple(SHIP_TO_HOME, DeliverySpeed.STANDARD, null),
                            tuple(SHIP_TO_HOME, DeliverySpeed.EXPRESS, null),
                            tuple(SHIP_FROM_STORE, DeliverySpeed.STANDARD, null),
                            tuple(SAME_DAY, DeliverySpeed.STANDARD, null),
                            tuple(BOPIS, DeliverySpeed.STANDARD, "S1"),
                            tuple(CURBSIDE, DeliverySpeed.STANDARD, "S1"));
        }

        @Test
        void standardShipToHomeGoesByGroundFromTheDc() {
            // 4 h DC + 12 h + 720 km / 60 = 28 h; 1.00 + 4.00 + 0.004 x 720 = 7.88;
            // 720 km x 0.002 t x 0.1 + 0.2 parcel = 0.344 kg
            DeliveryOption standard = quoted.get(0);
            assertThat(standard.getEta()).isEqualTo(hoursAfterQuote(28));
            assertThat(standard.getShippingCost()).isCloseTo(7.88, close());
            assertThat(standard.getCo2eKg()).isCloseTo(0.344, close());
            assertThat(standard.getShipments()).isEqualTo(1);
            assertThat(standard.getPlan())
                    .extracting(QuotedShipment::getNodeId, QuotedShipment::getMode)
                    .containsExactly(tuple("D1", TransportMode.PARCEL_GROUND));
            assertThat(standard.getShipFromStoreAllowed()).isFalse();
            assertThat(standard.getPromiseBy()).isEqualTo(hoursAfterQuote(72));
            assertThat(standard.getPreference()).isEqualTo(RoutingPreference.BALANCED);
        }

        @Test
        void expressFliesWhenGroundMissesTheOneDayPromise() {
            // ground 28 h > 24 h and 600 km >= 500 km: air. 4 h + 8 h + 660 / 600 = 13.1 h;
            // 1.00 + 9.00 + 0.012 x 660 = 17.92; 660 x 0.002 x 1.0 + 0.2 = 1.52 kg
            DeliveryOption express = quoted.get(1);
            assertThat(express.getEta()).isEqualTo(hoursAfterQuote(13.1));
            assertThat(express.getShippingCost()).isCloseTo(17.92, close());
            assertThat(express.getCo2eKg()).isCloseTo(1.52, close());
            assertThat(express.getPlan().get(0).getMode()).isEqualTo(TransportMode.PARCEL_AIR);
            assertThat(express.getPreference()).isEqualTo(RoutingPreference.FASTEST);
            assertThat(express.getPromiseBy()).isEqualTo(hoursAfterQuote(24));
        }

        @Test
        void shipFromStoreSendsFromTheNearStore() {
            // 2 h + 12 h + 12 km / 60 = 14.2 h; 2.00 + 4.00 + 0.048 = 6.048;
            // 12 x 0.002 x 0.1 + 0.2 = 0.2024 kg. Cheaper, faster and greener than the DC.
            DeliveryOption fromStore = quoted.get(2);
            assertThat(fromStore.getEta()).isEqualTo(hoursAfterQuote(14.2));
            assertThat(fromStore.getShippingCost()).isCloseTo(6.048, close());
            assertThat(fromStore.getCo2eKg()).isCloseTo(0.2024, close());
            assertThat(fromStore.getOrderMethod()).isEqualTo(SHIP_TO_HOME);
            assertThat(fromStore.getShipFromStoreAllowed()).isTrue();
        }

        @Test
        void sameDayGoesByCourierVan() {
            // 2 h + 0.5 h + 15 km / 30 = 3 h; 2.00 + 5.00 + 0.60 x 15 = 16.00;
            // 15 x 0.002 x 0.5 = 0.015 kg (no parcel leg)
            DeliveryOption sameDay = quoted.get(3);
            assertThat(sameDay.getEta()).isEqualTo(hoursAfterQuote(3));
            assertThat(sameDay.getShippingCost()).isCloseTo(16.00, close());
            assertThat(sameDay.getCo2eKg()).isCloseTo(0.015, close());
            assertThat(sameDay.getPromiseBy()).isEqualTo(hoursAfterQuote(12));
        }

        @Test
        void pickupsAreReadyAfterHandlingAndEmitNothing() {
            for (DeliveryOption pickup : quoted.subList(4, 6)) {
                assertThat(pickup.getEta()).isEqualTo(hoursAfterQuote(2));
                assertThat(pickup.getShippingCost()).isCloseTo(2.00, close());
                assertThat(pickup.getCo2eKg()).isCloseTo(0.0, close());
                assertThat(pickup.getPromiseBy()).isEqualTo(hoursAfterQuote(24));
            }
        }

        @Test
        void thePickupsAreLowestCarbonFastestAndCheapest() {
            assertThat(quoted)
                    .extracting(DeliveryOption::getLabels)
                    .containsExactly(
                            List.of(),
                            List.of(),
                            List.of(),
                            List.of(),
                            List.of(
                                    QuoteLabel.LOWEST_CARBON,
                                    QuoteLabel.FASTEST,
                                    QuoteLabel.CHEAPEST),
                            List.of(
                                    QuoteLabel.LOWEST_CARBON,
                                    QuoteLabel.FASTEST,
                                    QuoteLabel.CHEAPEST));
        }

        @Test
        void anOrderPlacedWithAnOptionIsRoutedToTheSamePlan() {
            for (DeliveryOption option : quoted) {
                Order order =
                        new Order(
                                "ORDER-FROM-QUOTE",
                                QUOTE_TIME,
                                "WEB",
                                List.of(line(SKU_A, 2)),
                                option.getOrderMethod(),
                                option.getShipFromStoreAllowed(),
                                option.getPickupNodeId() == null ? CUSTOMER : null,
                                option.getPickupNodeId(),
                                option.getPromiseBy().toEpochMilli(),
                                option.getPreference());
                ScoredPlan routed =
                        router.plan(
                                        order,
                                        List.of(farDc, nearStore, thinStore, outerStore),
                                        stock,
                                        CapacityView.UNLIMITED)
                                .chosen();

                assertThat(shipments(routed))
                        .as(option.getMethod().name())
                        .isEqualTo(describe(option));
                assertThat(routed.co2eKg()).isEqualTo(option.getCo2eKg());
                assertThat(routed.latestEta()).isEqualTo(option.getEta().toEpochMilli());
            }
        }
    }

    @Test
    void withoutPickupStoresSameDayIsFastestAndGreenestAndShipFromStoreCheapest() {
        NodeInfo shipOnlyStore = store("S1", 10, 2.00, SHIP_FROM_STORE, SAME_DAY);

        List<DeliveryOption> quoted =
                quote(cart(RoutingPreference.BALANCED, line(SKU_A, 2)), farDc, shipOnlyStore);

        // standard 7.88 / 28 h / 0.344; express 17.92 / 13.1 h / 1.52;
        // ship from store 6.048 / 14.2 h / 0.2024; same day 16.00 / 3 h / 0.015
        assertThat(quoted)
                .extracting(DeliveryOption::getMethod, DeliveryOption::getLabels)
                .containsExactly(
                        tuple(SHIP_TO_HOME, List.of()),
                        tuple(SHIP_TO_HOME, List.of()),
                        tuple(SHIP_FROM_STORE, List.of(QuoteLabel.CHEAPEST)),
                        tuple(SAME_DAY, List.of(QuoteLabel.LOWEST_CARBON, QuoteLabel.FASTEST)));
    }

    @Test
    void expressIsLeftOutWhenItWouldPlanWhatStandardDoes() {
        // 100 km: ground 4 + 12 + 2 = 18 h meets the one-day promise, so express flies nothing
        List<DeliveryOption> quoted =
                quote(cart(RoutingPreference.BALANCED, line(SKU_A, 2)), dc("D1", 100, 1.00));

        assertThat(quoted)
                .extracting(DeliveryOption::getMethod, DeliveryOption::getSpeed)
                .containsExactly(tuple(SHIP_TO_HOME, DeliverySpeed.STANDARD));
        assertThat(quoted.get(0).getLabels())
                .containsExactly(QuoteLabel.LOWEST_CARBON, QuoteLabel.FASTEST, QuoteLabel.CHEAPEST);
    }

    @Test
    void theNamedPickupStoreIsQuotedFirstWhereverItIs() {
        DeliveryOptions.Cart cart =
                new DeliveryOptions.Cart(
                        "Q-1",
                        QUOTE_TIME,
                        "APP",
                        List.of(line(SKU_A, 2)),
                        CUSTOMER,
                        "S2",
                        RoutingPreference.BALANCED);

        List<DeliveryOption> quoted = quote(cart, nearStore, outerStore);

        assertThat(quoted)
                .filteredOn(o -> o.getMethod() == BOPIS)
                .extracting(DeliveryOption::getPickupNodeId)
                .containsExactly("S2", "S1");
    }

    @Test
    void aPickupStoreAloneIsQuotedForPickupOnly() {
        DeliveryOptions.Cart cart =
                new DeliveryOptions.Cart(
                        "Q-1",
                        QUOTE_TIME,
                        "APP",
                        List.of(line(SKU_A, 2)),
                        null,
                        "S1",
                        RoutingPreference.BALANCED);

        assertThat(quote(cart, farDc, nearStore, outerStore))
                .extracting(DeliveryOption::getMethod, DeliveryOption::getPickupNodeId)
                .containsExactly(tuple(BOPIS, "S1"), tuple(CURBSIDE, "S1"));
    }

    @Test
    void noOptionWhenNoPlanDeliversTheWholeCart() {
        // 8 units wanted, 5 at D1 + 2 at S1: a split would still leave one short
        assertThat(quote(cart(RoutingPreference.BALANCED, line(SKU_A, 8)), farDc, nearStore))
                .isEmpty();
    }

    @Test
    void aSplitShipmentSuggestsTheGreenerSingleShipment() {
        // SKU-A only at S1 (10 km), SKU-B only at S4 (12 km), both at D2 (200 km, dear handling).
        // A standard promise of 16 h: the 4-unit plans are S1+S4 (costs 6.048 + 6.0576 =
        // 12.1056, 14.24 h, on time, 0.2024 + 0.20288 = 0.40528 kg) and D2 (3.00 + 4.00 + 0.96 =
        // 7.96, 20 h, 4 h late, 240 x 0.004 x 0.1 + 0.2 = 0.296 kg). Only the split keeps the
        // promise, so it wins though D2 is cheaper and greener; one shipment from D2 saves
        // 0.10928 kg for 5.76 h more.
        NodeInfo s1 = store("S1", 10, 2.00, SHIP_FROM_STORE);
        NodeInfo s4 = store("S4", 12, 2.00, SHIP_FROM_STORE);
        NodeInfo d2 = dc("D2", 200, 3.00);
        QuoteFixtures.Stock split =
                new QuoteFixtures.Stock()
                        .with(SKU_A, "S1", 2)
                        .with(SKU_B, "S4", 2)
                        .with(SKU_A, "D2", 2)
                        .with(SKU_B, "D2", 2);

        QuoteSettings sixteenHours =
                new QuoteSettings(
                        Duration.ofHours(16).toMillis(),
                        Duration.ofHours(10).toMillis(),
                        Duration.ofHours(3).toMillis(),
                        Duration.ofHours(4).toMillis(),
                        25.0,
                        3);
        List<DeliveryOption> quoted =
                new DeliveryOptions(router, sixteenHours)
                        .build(
                                cart(RoutingPreference.FASTEST, line(SKU_A, 2), line(SKU_B, 2)),
                                List.of(s1, s4, d2),
                                split,
                                CapacityView.UNLIMITED);

        DeliveryOption fromStores = quoted.get(1);
        assertThat(fromStores.getMethod()).isEqualTo(SHIP_FROM_STORE);
        assertThat(fromStores.getShipments()).isEqualTo(2);
        assertThat(fromStores.getCo2eKg()).isCloseTo(0.40528, close());
        assertThat(fromStores.getEta()).isEqualTo(hoursAfterQuote(14.24));
        ConsolidationSuggestion one = fromStores.getConsolidation();
        assertThat(one.getNodeId()).isEqualTo("D2");
        assertThat(one.getCo2eKg()).isCloseTo(0.296, close());
        assertThat(one.getCo2eSavedKg()).isCloseTo(0.10928, close());
        assertThat(one.getExtraWaitHours()).isCloseTo(5.76, close());
        assertThat(one.getShippingCost()).isCloseTo(7.96, close());
        // the DC-only standard option is a single shipment already
        assertThat(quoted.get(0).getConsolidation()).isNull();
    }

    @Test
    void capacityIsRespectedAsRoutingDoes() {
        // S1 at capacity: ship-from-store falls back to the DC (then not a ship-from-store
        // option), same day and pickups at S1 disappear
        List<DeliveryOption> quoted =
                options.build(
                        cart(RoutingPreference.BALANCED, line(SKU_A, 2)),
                        List.of(farDc, nearStore),
                        stock,
                        node -> !node.nodeId.equals("S1"));

        assertThat(quoted)
                .extracting(DeliveryOption::getMethod, DeliveryOption::getSpeed)
                .containsExactly(
                        tuple(SHIP_TO_HOME, DeliverySpeed.STANDARD),
                        tuple(SHIP_TO_HOME, DeliverySpeed.EXPRESS));
    }

    @Test
    void theQuoteSettingsSetThePromises() {
        QuoteSettings tight =
                new QuoteSettings(
                        Duration.ofHours(20).toMillis(),
                        Duration.ofHours(10).toMillis(),
                        Duration.ofHours(3).toMillis(),
                        Duration.ofHours(4).toMillis(),
                        25.0,
                        3);
        Order standard =
                new DeliveryOptions(router, tight)
                        .order(
                                cart(RoutingPreference.GREENEST, line(SKU_A, 1)),
                                SHIP_TO_HOME,
                                false,
                                null);

        assertThat(standard.promiseBy()).isEqualTo(hoursAfterQuote(20).toEpochMilli());
        assertThat(standard.preference()).isEqualTo(RoutingPreference.GREENEST);
    }

    private static List<String> shipments(ScoredPlan plan) {
        List<String> described = new ArrayList<>();
        for (Shipment s : plan.plan().shipments()) {
            described.add(s.nodeId() + " " + s.mode() + " " + s.lines());
        }
        return described;
    }

    private static List<String> describe(DeliveryOption option) {
        List<String> described = new ArrayList<>();
        for (QuotedShipment s : option.getPlan()) {
            List<PlannedLine> lines = new ArrayList<>();
            s.getLines().forEach(l -> lines.add(line(l.getSku(), l.getQuantity())));
            described.add(s.getNodeId() + " " + s.getMode() + " " + lines);
        }
        return described;
    }
}

package io.omnistock.domain.planning;

import static io.omnistock.avro.FulfilmentMethod.BOPIS;
import static io.omnistock.avro.FulfilmentMethod.SAME_DAY;
import static io.omnistock.domain.planning.RoutingFixtures.SKU_A;
import static io.omnistock.domain.planning.RoutingFixtures.TEST_FACTORS;
import static io.omnistock.domain.planning.RoutingFixtures.closeTo;
import static io.omnistock.domain.planning.RoutingFixtures.dc;
import static io.omnistock.domain.planning.RoutingFixtures.hoursAfterOrder;
import static io.omnistock.domain.planning.RoutingFixtures.kmNorth;
import static io.omnistock.domain.planning.RoutingFixtures.line;
import static io.omnistock.domain.planning.RoutingFixtures.nodes;
import static io.omnistock.domain.planning.RoutingFixtures.order;
import static io.omnistock.domain.planning.RoutingFixtures.router;
import static io.omnistock.domain.planning.RoutingFixtures.stock;
import static io.omnistock.domain.planning.RoutingFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.TransportMode;
import io.omnistock.domain.carbon.FreightMode;
import io.omnistock.ledger.domain.NodeInfo;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ShipmentModelTest {
    private final ShipmentModel model = new ShipmentModel(RoutingPolicy.defaults(), TEST_FACTORS);

    private Shipment ship(Order order, NodeInfo node) {
        return model.shipment(model.leg(order, node), order.lines());
    }

    @Nested
    class AirOnlyToKeepAPromiseOverDistance {
        private final NodeInfo farDc = dc("D1", kmNorth(600), 1.00);

        @Test
        void groundMissingThePromiseFromFarAwayGoesByAir() {
            // ground would take 4 + 12 + 720/60 = 28 h > 24 h, and 600 km >= 500 km
            Order order = order(line(SKU_A, 2)).promisedWithinHours(24).build();

            Shipment shipment = ship(order, farDc);

            // air: travel 600 x 1.1 = 660 km; ETA 4 + 8 + 660/600 = 13.1 h;
            // cost 1.00 + 9.00 + 0.012 x 660 = 17.92; CO2e 660 x 0.002 x 1.0 + 0.2 = 1.52
            assertThat(shipment.mode()).isEqualTo(TransportMode.PARCEL_AIR);
            assertThat(shipment.travelKm()).isCloseTo(660.0, closeTo(660.0));
            assertThat(shipment.eta()).isEqualTo(hoursAfterOrder(13.1));
            assertThat(shipment.cost()).isCloseTo(17.92, closeTo(17.92));
            assertThat(shipment.co2eKg()).isCloseTo(1.52, closeTo(1.52));
        }

        @Test
        void groundKeepingThePromiseStaysOnTheGround() {
            Order order = order(line(SKU_A, 2)).promisedWithinHours(48).build();

            Shipment shipment = ship(order, farDc);

            // 4 + 12 + 720/60 = 28 h; 1.00 + 4.00 + 0.004 x 720 = 7.88
            assertThat(shipment.mode()).isEqualTo(TransportMode.PARCEL_GROUND);
            assertThat(shipment.eta()).isEqualTo(hoursAfterOrder(28));
            assertThat(shipment.cost()).isCloseTo(7.88, closeTo(7.88));
        }

        @Test
        void aLateShipmentUnderTheAirDistanceStaysOnTheGroundAndIsScoredLate() {
            // 300 km: ground 4 + 12 + 360/60 = 22 h misses a 20 h promise, but 300 < 500 km
            Order order = order(line(SKU_A, 1)).promisedWithinHours(20).build();
            NodeInfo nearDc = dc("D2", kmNorth(300), 1.00);

            RoutingPlan plan =
                    router().plan(
                                    order,
                                    nodes(nearDc),
                                    stock().with(SKU_A, "D2", 1),
                                    CapacityView.UNLIMITED);

            assertThat(ship(order, nearDc).mode()).isEqualTo(TransportMode.PARCEL_GROUND);
            assertThat(plan.chosen().latestEta()).isEqualTo(hoursAfterOrder(22));
            // 22 h after the order, 2 h past the 20 h promise
            assertThat(plan.chosen().isLate()).isTrue();
            assertThat(plan.chosen().hoursLate()).isCloseTo(2.0, closeTo(2.0));
        }

        @Test
        void theAirDistanceIsInclusiveOfItsThresholdAndConfigurable() {
            Order order = order(line(SKU_A, 1)).promisedWithinHours(20).build();

            assertThat(ship(order, dc("D1", kmNorth(490), 1.0)).mode())
                    .isEqualTo(TransportMode.PARCEL_GROUND);
            assertThat(ship(order, dc("D1", kmNorth(510), 1.0)).mode())
                    .isEqualTo(TransportMode.PARCEL_AIR);
            ShipmentModel airFrom400 =
                    new ShipmentModel(RoutingPolicy.defaults().withAirMinKm(400), TEST_FACTORS);
            NodeInfo at490 = dc("D1", kmNorth(490), 1.0);
            assertThat(airFrom400.leg(order, at490).mode()).isEqualTo(TransportMode.PARCEL_AIR);
        }
    }

    @Test
    void sameDayGoesByCourierVanWithoutAParcelLeg() {
        Order order = order(line(SKU_A, 3)).sameDay().build();

        Shipment shipment = ship(order, store("S1", kmNorth(10), 2.00, SAME_DAY));

        // travel 10 x 1.5 = 15 km; ETA 2 + 0.5 + 15/30 = 3 h; cost 2.00 + 5.00 + 0.60 x 15 = 16.00;
        // CO2e 15 x 0.003 t x 0.5 = 0.0225
        assertThat(shipment.mode()).isEqualTo(TransportMode.COURIER_VAN);
        assertThat(shipment.travelKm()).isCloseTo(15.0, closeTo(15.0));
        assertThat(shipment.eta()).isEqualTo(hoursAfterOrder(3));
        assertThat(shipment.cost()).isCloseTo(16.0, closeTo(16.0));
        assertThat(shipment.co2eKg()).isCloseTo(0.0225, closeTo(0.0225));
    }

    @Test
    void pickupCostsOnlyHandlingTravelsNowhereAndIsReadyAfterHandling() {
        Order order = order(line(SKU_A, 2)).pickup(BOPIS, "S1").build();

        Shipment shipment = ship(order, store("S1", kmNorth(5), 2.50, BOPIS));

        assertThat(shipment.mode()).isEqualTo(TransportMode.STORE_PICKUP);
        assertThat(shipment.greatCircleKm()).isZero();
        assertThat(shipment.travelKm()).isZero();
        assertThat(shipment.eta()).isEqualTo(hoursAfterOrder(2));
        assertThat(shipment.cost()).isEqualTo(2.50);
        assertThat(shipment.co2eKg()).isZero();
    }

    @Test
    void eachTransportModeRidesItsFreightMode() {
        assertThat(
                        List.of(
                                TransportMode.PARCEL_GROUND,
                                TransportMode.PARCEL_AIR,
                                TransportMode.COURIER_VAN,
                                TransportMode.STORE_PICKUP))
                .extracting(ShipmentModel::freightModeOf)
                .containsExactly(
                        FreightMode.TRUCK_LTL,
                        FreightMode.AIR,
                        FreightMode.VAN,
                        FreightMode.STORE_PICKUP);
    }

    @Test
    void lineAllocationsShareCostAndCarbonByUnits() {
        Order order = order(line(SKU_A, 3), line("SKU-B", 1)).build();

        Shipment shipment = ship(order, dc("D1", kmNorth(250), 1.00));

        // 300 km travel: cost 6.20; CO2e 300 x 0.004 t x 0.1 + 0.2 = 0.32
        List<LineAllocation> rows = shipment.lineAllocations();
        assertThat(rows).extracting(LineAllocation::sku).containsExactly(SKU_A, "SKU-B");
        assertThat(rows.get(0).cost()).isCloseTo(6.20 * 3 / 4, closeTo(4.65));
        assertThat(rows.get(1).cost()).isCloseTo(6.20 / 4, closeTo(1.55));
        assertThat(rows.get(0).co2eKg()).isCloseTo(0.24, closeTo(0.24));
        assertThat(rows.get(1).co2eKg()).isCloseTo(0.08, closeTo(0.08));
        assertThat(rows)
                .extracting(LineAllocation::distanceKm)
                .allSatisfy(km -> assertThat(km).isCloseTo(300.0, closeTo(300.0)));
        assertThat(rows).extracting(LineAllocation::mode).containsOnly(TransportMode.PARCEL_GROUND);
        assertThat(rows).extracting(LineAllocation::eta).containsOnly(shipment.eta());
    }
}

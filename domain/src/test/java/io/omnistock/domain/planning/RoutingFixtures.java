package io.omnistock.domain.planning;

import static org.assertj.core.api.Assertions.within;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.ledger.domain.NodeInfo;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;

/**
 * Test vocabulary for routing: a customer, nodes placed a round number of km due north of it, named
 * instants, orders, stock and a carbon table with round test factors (not the shipped ones).
 */
final class RoutingFixtures {
    private RoutingFixtures() {}

    /**
     * Round test factors, one scope: ground parcels ride TRUCK_LTL at 0.1 kg/t-km with circuity
     * 1.2, air 1.0 kg/t-km x 1.1, vans 0.5 kg/t-km x 1.5, 0.2 kg per last-mile parcel.
     */
    static final String TEST_FACTORS_CSV =
            """
            # version: test-1
            mode,factor,unit,scope,year,source,distance_basis,circuity,circuity_source
            VAN,0.5,kg CO2e/t-km,WTW,2024,test,great-circle x circuity,1.5,test
            TRUCK_LTL,0.1,kg CO2e/t-km,WTW,2024,test,great-circle x circuity,1.2,test
            TRUCK_FTL,0.05,kg CO2e/t-km,WTW,2024,test,great-circle x circuity,1.2,test
            RAIL,0.03,kg CO2e/t-km,WTW,2024,test,great-circle x circuity,1.3,test
            AIR,1.0,kg CO2e/t-km,WTW,2024,test,great-circle x circuity,1.1,test
            LAST_MILE_PARCEL,0.2,kg CO2e/parcel,WTW,2024,test,per parcel,1.0,test
            STORE_PICKUP,0,kg CO2e/t-km,WTW,2024,test,none,1.0,test
            """;

    static final CarbonFactorTable TEST_FACTORS = parse(TEST_FACTORS_CSV);

    static final String SKU_A = "SKU-A";
    static final String SKU_B = "SKU-B";

    /** The order is placed at 08:00 on the test day. */
    static final long ORDER_TIME = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();

    /** Where the parcels go. */
    static final GeoPoint CUSTOMER = new GeoPoint(52.0, 0.0);

    /** Great-circle km per degree of latitude on the 6371 km sphere: 111.19492664... */
    static final double KM_PER_DEGREE = GeoPoint.EARTH_RADIUS_KM * Math.PI / 180.0;

    static long hoursAfterOrder(double hours) {
        return ORDER_TIME + Math.round(hours * Duration.ofHours(1).toMillis());
    }

    /** A point this many great-circle km due north of the customer (along its meridian). */
    static GeoPoint kmNorth(double km) {
        return new GeoPoint(CUSTOMER.latitude() + km / KM_PER_DEGREE, CUSTOMER.longitude());
    }

    static Router router() {
        return new Router(RoutingPolicy.defaults(), TEST_FACTORS);
    }

    static Router router(RoutingPolicy policy) {
        return new Router(policy, TEST_FACTORS);
    }

    // --- nodes ---

    static NodeInfo store(
            String id, GeoPoint at, double handlingCost, FulfilmentMethod... methods) {
        return node(id, NodeType.STORE, at, handlingCost, methods);
    }

    static NodeInfo dc(String id, GeoPoint at, double handlingCost) {
        return node(id, NodeType.DC, at, handlingCost, FulfilmentMethod.SHIP_TO_HOME);
    }

    static NodeInfo darkStore(
            String id, GeoPoint at, double handlingCost, FulfilmentMethod... methods) {
        return node(id, NodeType.DARK_STORE, at, handlingCost, methods);
    }

    static NodeInfo node(
            String id,
            NodeType type,
            GeoPoint at,
            double handlingCost,
            FulfilmentMethod... methods) {
        return new NodeInfo(id, type, NodeStatus.OPEN, 0)
                .located(at.latitude(), at.longitude(), "EAST", 0, handlingCost, List.of(methods));
    }

    static NodeInfo withStatus(NodeInfo node, NodeStatus status) {
        node.status = status;
        return node;
    }

    // --- orders ---

    static PlannedLine line(String sku, int quantity) {
        return new PlannedLine(sku, quantity);
    }

    /** SHIP_TO_HOME to {@link #CUSTOMER}, ship-from-store allowed, promised in 48 h, BALANCED. */
    static OrderBuilder order(PlannedLine... lines) {
        return new OrderBuilder(List.of(lines));
    }

    static final class OrderBuilder {
        private final List<PlannedLine> lines;
        private FulfilmentMethod method = FulfilmentMethod.SHIP_TO_HOME;
        private boolean shipFromStoreAllowed = true;
        private GeoPoint destination = CUSTOMER;
        private String pickupNodeId;
        private long promiseBy = hoursAfterOrder(48);
        private RoutingPreference preference = RoutingPreference.BALANCED;
        private String nodeGroup;

        private OrderBuilder(List<PlannedLine> lines) {
            this.lines = lines;
        }

        OrderBuilder pickup(FulfilmentMethod pickupMethod, String nodeId) {
            method = pickupMethod;
            pickupNodeId = nodeId;
            destination = null;
            return this;
        }

        OrderBuilder sameDay() {
            method = FulfilmentMethod.SAME_DAY;
            return this;
        }

        OrderBuilder noShipFromStore() {
            shipFromStoreAllowed = false;
            return this;
        }

        OrderBuilder promisedWithinHours(double hours) {
            promiseBy = hoursAfterOrder(hours);
            return this;
        }

        OrderBuilder prefer(RoutingPreference wanted) {
            preference = wanted;
            return this;
        }

        OrderBuilder inGroup(String group) {
            nodeGroup = group;
            return this;
        }

        Order build() {
            return new Order(
                    "ORDER-1",
                    ORDER_TIME,
                    "WEB",
                    lines,
                    method,
                    shipFromStoreAllowed,
                    destination,
                    pickupNodeId,
                    promiseBy,
                    preference,
                    nodeGroup);
        }
    }

    // --- stock and capacity ---

    static Stock stock() {
        return new Stock();
    }

    /** ATP per SKU x node, 0 when not set. */
    static final class Stock implements StockView {
        private final Map<String, Long> atp = new HashMap<>();

        Stock with(String sku, String nodeId, long units) {
            atp.put(sku + "|" + nodeId, units);
            return this;
        }

        @Override
        public long atp(String sku, String nodeId) {
            return atp.getOrDefault(sku + "|" + nodeId, 0L);
        }
    }

    /** Every node has capacity except these. */
    static CapacityView fullAt(String... nodeIds) {
        Set<String> full = Set.of(nodeIds);
        return node -> !full.contains(node.nodeId);
    }

    static List<NodeInfo> nodes(NodeInfo... nodes) {
        return new ArrayList<>(List.of(nodes));
    }

    /** 1e-9 relative (1e-12 absolute around 0). */
    static Offset<Double> closeTo(double expected) {
        return within(Math.max(Math.abs(expected) * 1e-9, 1e-12));
    }

    private static CarbonFactorTable parse(String csv) {
        try {
            return CarbonFactorTable.parse(new StringReader(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

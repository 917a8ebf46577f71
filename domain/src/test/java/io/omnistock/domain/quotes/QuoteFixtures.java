package io.omnistock.domain.quotes;

import static org.assertj.core.api.Assertions.within;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.planning.GeoPoint;
import io.omnistock.domain.planning.PlannedLine;
import io.omnistock.domain.planning.Router;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.domain.planning.StockView;
import io.omnistock.ledger.domain.NodeInfo;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;

/**
 * A tiny network for quotes: a customer, nodes a round number of km due north of it, round test
 * carbon factors (TRUCK_LTL 0.1 kg/t-km x 1.2 circuity, AIR 1.0 x 1.1, VAN 0.5 x 1.5, 0.2 kg per
 * parcel, pickup 0) and the default routing policy (1 kg per unit; STORE 2 h, DC 4 h handling;
 * ground 12 h + km/60, 4.00 + 0.004/km; air 8 h + km/600, 9.00 + 0.012/km; van 0.5 h + km/30, 5.00
 * + 0.60/km; same day within 30 km).
 */
final class QuoteFixtures {
    private QuoteFixtures() {}

    static final String SKU_A = "SKU-A";
    static final String SKU_B = "SKU-B";

    static final long QUOTE_TIME = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
    static final GeoPoint CUSTOMER = new GeoPoint(52.0, 0.0);
    static final double KM_PER_DEGREE = GeoPoint.EARTH_RADIUS_KM * Math.PI / 180.0;

    static final CarbonFactorTable TEST_FACTORS =
            parse(
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
                    """);

    static Router router() {
        return new Router(RoutingPolicy.defaults(), TEST_FACTORS);
    }

    static Instant hoursAfterQuote(double hours) {
        return Instant.ofEpochMilli(
                QUOTE_TIME + Math.round(hours * Duration.ofHours(1).toMillis()));
    }

    static Offset<Double> close() {
        return within(1e-6);
    }

    static GeoPoint kmNorth(double km) {
        return new GeoPoint(CUSTOMER.latitude() + km / KM_PER_DEGREE, CUSTOMER.longitude());
    }

    static NodeInfo store(String id, double km, double handlingCost, FulfilmentMethod... methods) {
        return node(id, NodeType.STORE, km, handlingCost, methods);
    }

    static NodeInfo dc(String id, double km, double handlingCost) {
        return node(id, NodeType.DC, km, handlingCost, FulfilmentMethod.SHIP_TO_HOME);
    }

    static NodeInfo node(
            String id, NodeType type, double km, double handlingCost, FulfilmentMethod... methods) {
        GeoPoint at = kmNorth(km);
        return new NodeInfo(id, type, NodeStatus.OPEN, 0)
                .located(at.latitude(), at.longitude(), "EAST", 0, handlingCost, List.of(methods));
    }

    static DeliveryOptions.Cart cart(RoutingPreference preference, PlannedLine... lines) {
        return new DeliveryOptions.Cart(
                "Q-1", QUOTE_TIME, "WEB", List.of(lines), CUSTOMER, null, preference);
    }

    static PlannedLine line(String sku, int quantity) {
        return new PlannedLine(sku, quantity);
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

    private static CarbonFactorTable parse(String csv) {
        try {
            return CarbonFactorTable.parse(new StringReader(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

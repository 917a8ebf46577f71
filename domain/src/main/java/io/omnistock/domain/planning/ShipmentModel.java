package io.omnistock.domain.planning;

import io.omnistock.avro.TransportMode;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.carbon.FreightMode;
import io.omnistock.ledger.domain.NodeInfo;
import java.io.Serializable;
import java.util.List;

/**
 * Mode, ETA, cost and CO2e of a shipment from a node (docs/design.md sections 4 and 6).
 *
 * <ul>
 *   <li>Mode: BOPIS / CURBSIDE collect (STORE_PICKUP); SAME_DAY goes by COURIER_VAN; SHIP_TO_HOME
 *       goes PARCEL_GROUND, or PARCEL_AIR when ground would miss the promise and the node is at
 *       least airMinKm away.
 *   <li>Travel km = great-circle km x the circuity of the leg's freight mode (ground parcels ride
 *       TRUCK_LTL, air parcels AIR, couriers VAN).
 *   <li>ETA = order time + handling hours of the node type + the mode's fixed hours + travel km /
 *       km per hour.
 *   <li>Cost = node handling cost + the mode's base cost + cost per km x travel km.
 *   <li>CO2e = travel km x tonnes x factor of the freight mode, + one last-mile parcel for parcel
 *       modes.
 * </ul>
 */
public final class ShipmentModel implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    private final RoutingPolicy policy;
    private final CarbonFactorTable carbon;

    public ShipmentModel(RoutingPolicy policy, CarbonFactorTable carbon) {
        this.policy = policy;
        this.carbon = carbon;
    }

    /** How the node would reach this order's customer. */
    public Leg leg(Order order, NodeInfo node) {
        return switch (order.method()) {
            case BOPIS, CURBSIDE -> leg(order, node, TransportMode.STORE_PICKUP, 0.0);
            case SAME_DAY -> leg(order, node, TransportMode.COURIER_VAN, distanceKm(order, node));
            default -> {
                double gc = distanceKm(order, node);
                Leg ground = leg(order, node, TransportMode.PARCEL_GROUND, gc);
                boolean expedite = ground.eta() > order.promiseBy() && gc >= policy.airMinKm();
                yield expedite ? leg(order, node, TransportMode.PARCEL_AIR, gc) : ground;
            }
        };
    }

    /** A shipment of these lines along the leg. */
    public Shipment shipment(Leg leg, List<PlannedLine> lines) {
        int units = 0;
        for (PlannedLine line : lines) {
            units += line.quantity();
        }
        double weightKg = units * policy.unitWeightKg();
        return new Shipment(
                leg.nodeId(),
                lines,
                leg.mode(),
                leg.greatCircleKm(),
                leg.travelKm(),
                weightKg,
                leg.eta(),
                leg.cost(),
                co2eKg(leg, weightKg));
    }

    /** CO2e of sending this weight along the leg. */
    public double co2eKg(Leg leg, double weightKg) {
        double kg = carbon.legKg(leg.freightMode(), leg.greatCircleKm(), weightKg);
        boolean parcel =
                leg.mode() == TransportMode.PARCEL_GROUND || leg.mode() == TransportMode.PARCEL_AIR;
        return parcel ? kg + carbon.parcelKg() : kg;
    }

    /** The freight mode whose factor and circuity a transport mode's leg uses. */
    public static FreightMode freightModeOf(TransportMode mode) {
        return switch (mode) {
            case PARCEL_GROUND -> FreightMode.TRUCK_LTL;
            case PARCEL_AIR -> FreightMode.AIR;
            case COURIER_VAN -> FreightMode.VAN;
            case STORE_PICKUP -> FreightMode.STORE_PICKUP;
            default -> throw new IllegalArgumentException("no freight mode for " + mode);
        };
    }

    private Leg leg(Order order, NodeInfo node, TransportMode mode, double greatCircleKm) {
        FreightMode freight = freightModeOf(mode);
        TransportRate rate = policy.rateOf(mode);
        double travelKm = carbon.travelKm(freight, greatCircleKm);
        double hours = policy.handlingHoursOf(node.type) + rate.hours(travelKm);
        long eta = order.orderTime() + Math.round(hours * MILLIS_PER_HOUR);
        double transportCost = mode == TransportMode.STORE_PICKUP ? 0.0 : rate.cost(travelKm);
        return new Leg(
                node.nodeId,
                mode,
                freight,
                greatCircleKm,
                travelKm,
                eta,
                node.handlingCost + transportCost);
    }

    private static double distanceKm(Order order, NodeInfo node) {
        return CandidateFilter.location(node).greatCircleKm(order.destination());
    }
}

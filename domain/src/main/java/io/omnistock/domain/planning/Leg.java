package io.omnistock.domain.planning;

import io.omnistock.avro.TransportMode;
import io.omnistock.domain.carbon.FreightMode;

/**
 * How one node would reach one order's customer: everything about a shipment that does not depend
 * on what is in the box. Made by {@link ShipmentModel#leg}.
 *
 * @param greatCircleKm node to destination; 0 for store pickup
 * @param travelKm greatCircleKm x the freight mode's circuity
 * @param eta epoch ms: order time + handling + transport hours
 * @param cost node handling cost + transport cost
 */
public record Leg(
        String nodeId,
        TransportMode mode,
        FreightMode freightMode,
        double greatCircleKm,
        double travelKm,
        long eta,
        double cost) {}

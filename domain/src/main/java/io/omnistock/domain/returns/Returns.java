package io.omnistock.domain.returns;

import io.omnistock.avro.DispositionType;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.carbon.FreightMode;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.planning.GeoPoint;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.ledger.domain.NodeInfo;
import java.io.Serializable;
import java.time.Instant;

/**
 * Reverse logistics (docs/design.md section 5): triages a returned line by {@link ReturnTriage} and
 * counts its return leg's CO2e by the routing method (section 6). A parcel sent back from a known
 * place rides PARCEL_GROUND: great-circle km to the receiving node x the TRUCK_LTL circuity and
 * factor x the weight (units x the unit weight), + one last-mile parcel. An item handed in at the
 * node (a till return, or a return without its origin) travelled on no counted leg: 0 km, 0 kg.
 */
public final class Returns implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a till RETURN (no grading) is triaged as. */
    private static final ReturnedItem NOT_GRADED = new ReturnedItem();

    private final ReturnTriage triage;
    private final CarbonFactorTable carbon;
    private final double unitWeightKg;

    public Returns(ReturnTriage triage, CarbonFactorTable carbon, double unitWeightKg) {
        this.triage = triage;
        this.carbon = carbon;
        this.unitWeightKg = unitWeightKg;
    }

    /** The default rules and factor table, and routing's default unit weight. */
    public static Returns defaults() {
        return new Returns(
                ReturnTriage.defaults(),
                CarbonFactorTable.loadDefault(),
                RoutingPolicy.defaults().unitWeightKg());
    }

    /** The triage decision for a RETURN at a known node, with its return leg. */
    public ReturnDisposition triage(InventoryEvent e, NodeInfo node) {
        ReturnedItem item = e.returned == null ? NOT_GRADED : e.returned;
        TriageRule rule = triage.decide(item);
        double greatCircleKm =
                item.wasSent()
                        ? new GeoPoint(item.fromLatitude, item.fromLongitude)
                                .greatCircleKm(new GeoPoint(node.latitude, node.longitude))
                        : 0.0;
        double km = carbon.travelKm(FreightMode.TRUCK_LTL, greatCircleKm);
        double co2eKg =
                item.wasSent()
                        ? carbon.legKg(
                                        FreightMode.TRUCK_LTL,
                                        greatCircleKm,
                                        e.quantity * unitWeightKg)
                                + carbon.parcelKg()
                        : 0.0;
        ReturnDisposition d = new ReturnDisposition();
        d.setEventId(e.eventId);
        d.setEventTime(Instant.ofEpochMilli(e.eventTime));
        d.setSku(e.sku);
        d.setNodeId(e.nodeId);
        d.setRegion(node.region);
        d.setQuantity((int) e.quantity);
        d.setDisposition(rule.disposition());
        d.setRule(rule.name());
        d.setConditionGrade(item.grade);
        d.setReturnReason(item.reason);
        d.setCategory(item.category);
        d.setUnitValue(Double.isNaN(item.unitValue) ? null : item.unitValue);
        d.setOrderId(item.orderId);
        d.setSource(e.source);
        d.setReturnDistanceKm(km);
        d.setReturnCo2eKg(co2eKg);
        d.setCarbonFactorsVersion(carbon.version());
        return d;
    }

    /** Whether a disposition puts its units back into sellable on-hand. */
    public static boolean restocks(ReturnDisposition d) {
        return d.getDisposition() == DispositionType.RESTOCK;
    }
}

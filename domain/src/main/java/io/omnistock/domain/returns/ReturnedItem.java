package io.omnistock.domain.returns;

import io.omnistock.avro.ConditionGrade;

/**
 * What a RETURN_RECEIVED says about the returned item beyond SKU, node and quantity: its grade and
 * the facts the triage rules match on, and where it was sent from. A Flink POJO, carried by the
 * inventory event of the return (a till RETURN has none).
 */
public class ReturnedItem {
    public ConditionGrade grade = ConditionGrade.UNKNOWN;

    /** Product category, or null. */
    public String category;

    /** Unit value, or NaN when not given. */
    public double unitValue = Double.NaN;

    public String reason;

    /** The order returned (orders.lifecycle), or null for a till return. */
    public String orderId;

    /** Where the parcel came from, or NaN when it was handed in at the receiving node. */
    public double fromLatitude = Double.NaN;

    public double fromLongitude = Double.NaN;

    public ReturnedItem() {}

    public ReturnedItem(ConditionGrade grade, String category, double unitValue) {
        this.grade = grade;
        this.category = category;
        this.unitValue = unitValue;
    }

    /** Whether the parcel travelled from a known place (else it was handed in at the node). */
    public boolean wasSent() {
        return !Double.isNaN(fromLatitude) && !Double.isNaN(fromLongitude);
    }
}

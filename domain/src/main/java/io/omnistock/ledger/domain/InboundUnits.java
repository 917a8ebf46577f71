package io.omnistock.ledger.domain;

/** Units still expected at a node against one ASN, with its ETA. A Flink POJO. */
public class InboundUnits {
    public String nodeId;
    public long units;
    public long eta;

    /** The ASN (set where a promise names it: {@link Reservation#promised}); null otherwise. */
    public String asnId;

    public InboundUnits() {}

    public InboundUnits(String nodeId, long units, long eta) {
        this.nodeId = nodeId;
        this.units = units;
        this.eta = eta;
    }

    /** Units of one ASN at a node, with its ETA. */
    public static InboundUnits of(String nodeId, String asnId, long units, long eta) {
        InboundUnits u = new InboundUnits(nodeId, units, eta);
        u.asnId = asnId;
        return u;
    }

    @Override
    public String toString() {
        return nodeId + "=" + units + "@" + eta;
    }
}

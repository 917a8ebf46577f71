package io.omnistock.ledger.domain;

/** Units still expected at a node against one ASN, with its ETA. A Flink POJO. */
public class InboundUnits {
    public String nodeId;
    public long units;
    public long eta;

    public InboundUnits() {}

    public InboundUnits(String nodeId, long units, long eta) {
        this.nodeId = nodeId;
        this.units = units;
        this.eta = eta;
    }

    @Override
    public String toString() {
        return nodeId + "=" + units + "@" + eta;
    }
}

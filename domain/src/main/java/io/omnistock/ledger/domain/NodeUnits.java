package io.omnistock.ledger.domain;

/** A number of units of one SKU at one node. A Flink POJO. */
public class NodeUnits {
    public String nodeId;
    public long units;

    public NodeUnits() {}

    public NodeUnits(String nodeId, long units) {
        this.nodeId = nodeId;
        this.units = units;
    }

    @Override
    public String toString() {
        return nodeId + "=" + units;
    }
}

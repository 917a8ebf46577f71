package io.omnistock.ledger.domain;

import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;

/** What the ledger needs to know of a fulfilment node (from network.nodes). A Flink POJO. */
public class NodeInfo {
    public String nodeId;
    public NodeType type;
    public NodeStatus status;
    public long safetyStock;

    /** Event time of the reference record this came from: the latest record per node wins. */
    public long updatedAt;

    public NodeInfo() {}

    public NodeInfo(String nodeId, NodeType type, NodeStatus status, long safetyStock) {
        this.nodeId = nodeId;
        this.type = type;
        this.status = status;
        this.safetyStock = safetyStock;
    }

    public boolean isOpen() {
        return status == NodeStatus.OPEN;
    }
}

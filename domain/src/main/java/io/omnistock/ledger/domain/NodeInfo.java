package io.omnistock.ledger.domain;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import java.util.ArrayList;
import java.util.List;

/**
 * What the ledger and routing need to know of a fulfilment node (from network.nodes). A Flink POJO.
 */
public class NodeInfo {

    /** A node reference record (network.nodes) as the ledger and routing see it. */
    public static NodeInfo of(NodeRecord record) {
        NodeInfo node =
                new NodeInfo(
                                record.getNodeId(),
                                record.getType(),
                                record.getStatus(),
                                record.getSafetyStock())
                        .located(
                                record.getLatitude(),
                                record.getLongitude(),
                                record.getRegion(),
                                record.getDailyOrderCapacity(),
                                record.getHandlingCost(),
                                record.getFulfilmentMethods())
                        .inGroups(record.getGroups());
        node.updatedAt = record.getEventTime().toEpochMilli();
        return node;
    }

    public String nodeId;
    public NodeType type;
    public NodeStatus status;
    public long safetyStock;

    /** Event time of the reference record this came from: the latest record per node wins. */
    public long updatedAt;

    public double latitude;
    public double longitude;
    public String region = "";

    /** Orders (shipments) the node can take per day; 0 means unlimited. */
    public int dailyOrderCapacity;

    /** Cost of picking and packing one shipment at this node. */
    public double handlingCost;

    /** What the node offers: SHIP_TO_HOME, SHIP_FROM_STORE, BOPIS, CURBSIDE, SAME_DAY. */
    public List<FulfilmentMethod> methods = new ArrayList<>();

    /**
     * The node groups it belongs to (a brand's stores, a region's DCs): an order or quote naming a
     * group is fulfilled by the group's nodes only. Empty when the node belongs to none, and in
     * broadcast state restored from before groups existed (the field did not exist; a new POJO
     * field restores as the default constructor leaves it).
     */
    public List<String> groups = new ArrayList<>();

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

    public boolean offers(FulfilmentMethod method) {
        return methods.contains(method);
    }

    /** Whether the node belongs to the named group (case-sensitive). */
    public boolean inGroup(String group) {
        return groups != null && groups.contains(group);
    }

    /** Sets the node groups it belongs to; returns this. */
    public NodeInfo inGroups(List<String> groups) {
        this.groups = new ArrayList<>(groups);
        return this;
    }

    /** Sets where the node is and what it offers; returns this. */
    public NodeInfo located(
            double latitude,
            double longitude,
            String region,
            int dailyOrderCapacity,
            double handlingCost,
            List<FulfilmentMethod> methods) {
        this.latitude = latitude;
        this.longitude = longitude;
        this.region = region;
        this.dailyOrderCapacity = dailyOrderCapacity;
        this.handlingCost = handlingCost;
        this.methods = new ArrayList<>(methods);
        return this;
    }
}

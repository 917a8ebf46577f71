package io.omnistock.serving;

import java.util.Arrays;

/**
 * Everything held for one SKU: its per-node records, sorted by node id, and its network totals.
 * Immutable: a change makes a new entry, so a reader always sees one consistent snapshot of a SKU.
 */
public final class SkuEntry {
    static final SkuEntry EMPTY = new SkuEntry(new String[0], new StoredRecord[0], null);

    private final String[] nodeIds;
    private final StoredRecord[] nodes;
    private final StoredRecord network;

    private SkuEntry(String[] nodeIds, StoredRecord[] nodes, StoredRecord network) {
        this.nodeIds = nodeIds;
        this.nodes = nodes;
        this.network = network;
    }

    /** The record of {@code nodeId}, or null. */
    public StoredRecord node(String nodeId) {
        int i = Arrays.binarySearch(nodeIds, nodeId);
        return i >= 0 ? nodes[i] : null;
    }

    /** The network totals, or null when none has been read. */
    public StoredRecord network() {
        return network;
    }

    public int nodeCount() {
        return nodeIds.length;
    }

    public String nodeId(int i) {
        return nodeIds[i];
    }

    public StoredRecord nodeRecord(int i) {
        return nodes[i];
    }

    boolean isEmpty() {
        return nodeIds.length == 0 && network == null;
    }

    SkuEntry withNode(String nodeId, StoredRecord record) {
        int i = Arrays.binarySearch(nodeIds, nodeId);
        if (i >= 0) {
            StoredRecord[] n = nodes.clone();
            n[i] = record;
            return new SkuEntry(nodeIds, n, network);
        }
        int at = -i - 1;
        String[] ids = new String[nodeIds.length + 1];
        StoredRecord[] n = new StoredRecord[nodes.length + 1];
        System.arraycopy(nodeIds, 0, ids, 0, at);
        System.arraycopy(nodes, 0, n, 0, at);
        ids[at] = nodeId;
        n[at] = record;
        System.arraycopy(nodeIds, at, ids, at + 1, nodeIds.length - at);
        System.arraycopy(nodes, at, n, at + 1, nodes.length - at);
        return new SkuEntry(ids, n, network);
    }

    SkuEntry withoutNode(String nodeId) {
        int i = Arrays.binarySearch(nodeIds, nodeId);
        if (i < 0) {
            return this;
        }
        String[] ids = new String[nodeIds.length - 1];
        StoredRecord[] n = new StoredRecord[nodes.length - 1];
        System.arraycopy(nodeIds, 0, ids, 0, i);
        System.arraycopy(nodes, 0, n, 0, i);
        System.arraycopy(nodeIds, i + 1, ids, i, nodeIds.length - i - 1);
        System.arraycopy(nodes, i + 1, n, i, nodes.length - i - 1);
        return new SkuEntry(ids, n, network);
    }

    SkuEntry withNetwork(StoredRecord record) {
        return new SkuEntry(nodeIds, nodes, record);
    }
}

package io.omnistock.domain.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small number for every node id seen, shared by the {@link StockByNode}s of one ledger instance
 * so each keeps its figures in arrays indexed by node rather than in maps. Not thread-safe.
 */
public final class NodeSlots {
    private final Map<String, Integer> slots = new HashMap<>();
    private final List<String> nodeIds = new ArrayList<>();

    /** The node's slot, given one if it has none yet. */
    int slot(String nodeId) {
        Integer slot = slots.get(nodeId);
        if (slot == null) {
            slot = nodeIds.size();
            slots.put(nodeId, slot);
            nodeIds.add(nodeId);
        }
        return slot;
    }

    String nodeId(int slot) {
        return nodeIds.get(slot);
    }

    int size() {
        return nodeIds.size();
    }
}

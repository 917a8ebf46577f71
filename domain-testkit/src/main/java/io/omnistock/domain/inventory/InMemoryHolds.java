package io.omnistock.domain.inventory;

import io.omnistock.ledger.domain.Hold;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** One SKU's standing holds on a plain map: the test stand-in for the {@code holds} state. */
public final class InMemoryHolds implements SkuLedger.HoldStore {
    /** Standing holds by hold id. */
    public final Map<String, Hold> holds = new LinkedHashMap<>();

    @Override
    public Hold get(String holdId) {
        return holds.get(holdId);
    }

    @Override
    public void put(Hold hold) {
        holds.put(hold.holdId, hold);
    }

    @Override
    public void remove(String holdId) {
        holds.remove(holdId);
    }

    @Override
    public Iterable<Hold> all() {
        return new ArrayList<>(holds.values());
    }
}

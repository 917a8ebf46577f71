package io.omnistock.generator;

import io.omnistock.contracts.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The true demand rates the simulation draws from, per SKU x node, in units per day: what a
 * sell-through velocity estimate should converge to. Demand counts what the engine counts: store
 * sales net of voids, dark-store and DC picks, DC B2B shipments. Replenishment transfers, returns,
 * damage and 3PL outflows are not demand. Rates are of attempted demand: a sale or pick the empty
 * shelf refuses is still in the rate (it is rare under the replenishment policy).
 */
public final class DemandRates {

    /** Units per day by position key {@code sku|node}, for every position with demand. */
    public static Map<String, Double> of(NetworkConfig config) {
        RetailNetwork network = RetailNetwork.build(config);
        List<Sku> skus = network.skus();
        Map<String, Double> rates = new HashMap<>();
        for (NetworkNode node : network.networkNodes()) {
            double total = node.demand().total();
            for (int sku : node.assortment()) {
                double share = skus.get(sku).popularity() / total;
                double perDay =
                        switch (node.type()) {
                            case STORE ->
                                    config.salesPerStoreHour()
                                            * (InventoryWorld.STORE_CLOSE
                                                    - InventoryWorld.STORE_OPEN)
                                            * StockPolicy.MEAN_SALE_QTY
                                            * (1 - config.voidRate());
                            case DARK_STORE ->
                                    config.darkStorePicksPerHour()
                                            * (InventoryWorld.DARK_CLOSE - InventoryWorld.DARK_OPEN)
                                            * StockPolicy.MEAN_PICK_QTY;
                            case DC ->
                                    24
                                            * (config.dcPicksPerHour() * StockPolicy.MEAN_PICK_QTY
                                                    // a B2B shipment is 1 to 3 cases: 2 on average
                                                    + InventoryWorld.DC_SHIPS_PER_HOUR
                                                            * 2
                                                            * skus.get(sku).caseSize());
                            case THREE_PL -> 0;
                        };
                if (perDay > 0) {
                    rates.put(Topics.positionKey(skus.get(sku).id(), node.id()), perDay * share);
                }
            }
        }
        return rates;
    }

    private DemandRates() {}
}

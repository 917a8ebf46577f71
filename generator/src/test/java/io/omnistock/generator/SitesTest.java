package io.omnistock.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Orders take their store's region; a warehouse's counts take the warehouse's. So a region where
 * the network has warehouses but no store site would show inventory accuracy and never an order.
 */
class SitesTest {

    @Test
    void everyWarehouseAndDarkStoreRegionHasAStoreSite() {
        Set<String> storeRegions =
                Sites.STORES.stream().map(Site::region).collect(Collectors.toSet());

        List<Site> others =
                Stream.of(Sites.DCS, Sites.THREE_PLS, Sites.DARK_STORES)
                        .flatMap(List::stream)
                        .toList();

        assertThat(others)
                .allSatisfy(
                        site ->
                                assertThat(storeRegions)
                                        .as(site.city() + "'s region receives orders")
                                        .contains(site.region()));
    }
}

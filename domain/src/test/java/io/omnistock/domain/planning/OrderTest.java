package io.omnistock.domain.planning;

import static io.omnistock.domain.planning.RoutingFixtures.CUSTOMER;
import static io.omnistock.domain.planning.RoutingFixtures.ORDER_TIME;
import static io.omnistock.domain.planning.RoutingFixtures.SKU_A;
import static io.omnistock.domain.planning.RoutingFixtures.SKU_B;
import static io.omnistock.domain.planning.RoutingFixtures.line;
import static io.omnistock.domain.planning.RoutingFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.RoutingPreference;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderTest {

    @Test
    void aRestrictedCopyKeepsEverythingButTheLines() {
        Order order =
                order(line(SKU_A, 3), line(SKU_B, 2))
                        .prefer(RoutingPreference.GREENEST)
                        .promisedWithinHours(24)
                        .build();

        Order refused = order.restrictedTo(List.of(line(SKU_B, 1)));

        assertThat(refused.lines()).containsExactly(line(SKU_B, 1));
        assertThat(refused.unitsOrdered()).isEqualTo(1);
        assertThat(refused).usingRecursiveComparison().ignoringFields("lines").isEqualTo(order);
    }

    @Test
    void aRestrictedCopyCannotAddUnitsOrSkus() {
        Order order = order(line(SKU_A, 3)).build();

        assertThatThrownBy(() -> order.restrictedTo(List.of(line(SKU_A, 4))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> order.restrictedTo(List.of(line(SKU_B, 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingPreferenceReadsAsBalanced() {
        Order order =
                new Order(
                        "O-1",
                        ORDER_TIME,
                        "WEB",
                        List.of(line(SKU_A, 1)),
                        FulfilmentMethod.SHIP_TO_HOME,
                        true,
                        CUSTOMER,
                        null,
                        ORDER_TIME,
                        null);

        assertThat(order.preference()).isEqualTo(RoutingPreference.BALANCED);
    }

    @Test
    void ordersRoutingCannotWorkWithAreRefused() {
        assertThatThrownBy(() -> order().build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> order(line(SKU_A, 1), line(SKU_A, 2)).build())
                .hasMessageContaining("SKU twice");
        assertThatThrownBy(() -> order(line(SKU_A, 1)).pickup(FulfilmentMethod.BOPIS, null).build())
                .hasMessageContaining("pickup node");
        assertThatThrownBy(
                        () ->
                                new Order(
                                        "O-1",
                                        ORDER_TIME,
                                        "WEB",
                                        List.of(line(SKU_A, 1)),
                                        FulfilmentMethod.SAME_DAY,
                                        true,
                                        null,
                                        null,
                                        ORDER_TIME,
                                        null))
                .hasMessageContaining("destination");
        assertThatThrownBy(() -> line(SKU_A, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

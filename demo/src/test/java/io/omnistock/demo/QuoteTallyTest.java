package io.omnistock.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.ConsolidationSuggestion;
import io.omnistock.avro.DeliveryOption;
import io.omnistock.avro.DeliverySpeed;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.QuoteError;
import io.omnistock.avro.QuoteLabel;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.QuoteStatus;
import io.omnistock.avro.RoutingPreference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteTallyTest {
    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void countsStatusesOptionsAndTheMethodThatWinsEachLabel() {
        QuoteTally tally = new QuoteTally();
        tally.record(
                response(
                        "Q1",
                        QuoteStatus.OK,
                        option(FulfilmentMethod.SHIP_TO_HOME, false),
                        option(
                                FulfilmentMethod.BOPIS,
                                false,
                                QuoteLabel.LOWEST_CARBON,
                                QuoteLabel.CHEAPEST),
                        option(FulfilmentMethod.SAME_DAY, false, QuoteLabel.FASTEST)));
        tally.record(
                response(
                        "Q2",
                        QuoteStatus.OK,
                        option(
                                FulfilmentMethod.SHIP_FROM_STORE,
                                true,
                                QuoteLabel.LOWEST_CARBON,
                                QuoteLabel.FASTEST,
                                QuoteLabel.CHEAPEST)));
        tally.record(
                response(
                        "Q3",
                        QuoteStatus.OK,
                        option(FulfilmentMethod.BOPIS, false, QuoteLabel.LOWEST_CARBON)));
        tally.record(response("Q4", QuoteStatus.UNAVAILABLE));
        QuoteResponse error = response("Q5", QuoteStatus.ERROR);
        error.setErrorReason(QuoteError.UNKNOWN_SKU);
        tally.record(error);

        assertThat(tally.responses()).isEqualTo(5);
        // 5 options over 3 answered quotes; lowest carbon: BOPIS 2 of 3; fastest: SAME_DAY and
        // SHIP_FROM_STORE 1 each (the first listed wins the tie); cheapest: 1 each
        assertThat(tally.line())
                .startsWith("quotes answered 5: ok 3 unavailable 1 error 1 | 1.7 options/quote")
                .contains("| lowest carbon BOPIS 67%")
                .contains("| fastest ")
                .endsWith("| 1 consolidations");
    }

    private static QuoteResponse response(
            String id, QuoteStatus status, DeliveryOption... options) {
        return QuoteResponse.newBuilder()
                .setEventId(id + "#quote")
                .setEventTime(AT)
                .setRequestId(id)
                .setRequestEventId("e-" + id)
                .setStatus(status)
                .setOptions(new ArrayList<>(List.of(options)))
                .build();
    }

    private static DeliveryOption option(
            FulfilmentMethod method, boolean consolidation, QuoteLabel... labels) {
        return DeliveryOption.newBuilder()
                .setMethod(method)
                .setSpeed(DeliverySpeed.STANDARD)
                .setEta(AT)
                .setShippingCost(1)
                .setShipments(consolidation ? 2 : 1)
                .setCo2eKg(0.1)
                .setDistanceKm(1)
                .setLabels(new ArrayList<>(List.of(labels)))
                .setPlan(new ArrayList<>())
                .setOrderMethod(FulfilmentMethod.SHIP_TO_HOME)
                .setShipFromStoreAllowed(true)
                .setPreference(RoutingPreference.BALANCED)
                .setPromiseBy(AT)
                .setConsolidation(
                        consolidation
                                ? ConsolidationSuggestion.newBuilder()
                                        .setNodeId("D1")
                                        .setEta(AT)
                                        .setShippingCost(1)
                                        .setCo2eKg(0.05)
                                        .setCo2eSavedKg(0.05)
                                        .setExtraWaitHours(3)
                                        .build()
                                : null)
                .build();
    }
}

package io.omnistock.domain.inventory;

import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.forecast.Forecast;
import io.omnistock.ledger.domain.NodeInfo;

/**
 * A position whose published figures changed: {@code position}'s {@code published*} fields and
 * version are what to publish, with its forecast as of {@code eventTime}. The position and the
 * forecast are the ledger's working values, not copies: read them before the output call returns
 * ({@code forecast} is a scratch value the ledger reuses, so no change allocates one).
 *
 * @param source the system of the event that caused the change
 * @param causeEventId the id of that event (or of the request, or node change, that caused it)
 * @param previousAtp the ATP published before this change (0 before the first publication)
 */
public record AvailabilityChange(
        String sku,
        String nodeId,
        Position position,
        NodeInfo node,
        long eventTime,
        SourceSystem source,
        String causeEventId,
        Forecast forecast,
        long previousAtp) {}

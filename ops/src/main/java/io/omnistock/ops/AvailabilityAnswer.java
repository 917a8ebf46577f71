package io.omnistock.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnistock.avro.Availability;
import io.omnistock.avro.NetworkAvailability;
import java.time.Instant;
import java.util.List;

/**
 * What {@code omnistock availability} prints, from the topics or from the service: a SKU's
 * positions (sorted by node), its network totals or null, and whether the source had caught up.
 */
record AvailabilityAnswer(List<Position> positions, Network network, boolean caughtUp) {

    record Position(
            String nodeId,
            String nodeType,
            long onHand,
            long reserved,
            long inTransit,
            long safetyStock,
            long atp,
            long version,
            Instant asOf,
            String lastSource) {

        static Position of(Availability a) {
            return new Position(
                    a.getNodeId(),
                    a.getNodeType().name(),
                    a.getOnHand(),
                    a.getReserved(),
                    a.getInTransit(),
                    a.getSafetyStock(),
                    a.getAtp(),
                    a.getVersion(),
                    a.getEventTime(),
                    a.getLastSource().name());
        }

        /** From the service's JSON rendering of an {@code Availability} (epoch-ms times). */
        static Position of(JsonNode r) {
            return new Position(
                    r.path("nodeId").asText(),
                    r.path("nodeType").asText(),
                    r.path("onHand").asLong(),
                    r.path("reserved").asLong(),
                    r.path("inTransit").asLong(),
                    r.path("safetyStock").asLong(),
                    r.path("atp").asLong(),
                    r.path("version").asLong(),
                    Instant.ofEpochMilli(r.path("eventTime").asLong()),
                    r.path("lastSource").asText());
        }
    }

    record Network(
            long networkAtp,
            long storeAtp,
            long dcAtp,
            long darkStoreAtp,
            long threePlAtp,
            int openNodes,
            long version,
            Instant asOf) {

        static Network of(NetworkAvailability n) {
            return new Network(
                    n.getNetworkAtp(),
                    n.getStoreAtp(),
                    n.getDcAtp(),
                    n.getDarkStoreAtp(),
                    n.getThreePlAtp(),
                    n.getOpenNodes(),
                    n.getVersion(),
                    n.getEventTime());
        }

        /** From the service's JSON rendering of a {@code NetworkAvailability}. */
        static Network of(JsonNode r) {
            return new Network(
                    r.path("networkAtp").asLong(),
                    r.path("storeAtp").asLong(),
                    r.path("dcAtp").asLong(),
                    r.path("darkStoreAtp").asLong(),
                    r.path("threePlAtp").asLong(),
                    r.path("openNodes").asInt(),
                    r.path("version").asLong(),
                    Instant.ofEpochMilli(r.path("eventTime").asLong()));
        }
    }
}

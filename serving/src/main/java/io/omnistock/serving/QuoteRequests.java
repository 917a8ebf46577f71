package io.omnistock.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.avro.RoutingPreference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A {@code POST /v1/quotes} body as a {@link QuoteRequest}. The body uses the Avro field names;
 * {@code requestId} is generated when absent, {@code eventId} and {@code eventTime} are the
 * service's (the moment it was asked). Unknown fields are refused, so a misspelt field is an error,
 * not a silently different question.
 */
public final class QuoteRequests {
    /** Most lines one quote may carry. */
    public static final int MAX_LINES = 100;

    private static final Set<String> FIELDS =
            Set.of(
                    "requestId",
                    "channel",
                    "lines",
                    "destinationLatitude",
                    "destinationLongitude",
                    "postalCode",
                    "pickupNodeId",
                    "preference",
                    "region",
                    "nodeGroup");

    /**
     * @param now the request's event time
     * @param ids a fresh id (for the event id and a missing request id)
     * @throws BadRequestException naming what is wrong
     */
    public static QuoteRequest fromJson(byte[] body, Instant now, Supplier<String> ids) {
        JsonNode root = Requests.parse(body);
        if (!root.isObject()) {
            throw new BadRequestException(
                    "the body must be a JSON object, e.g. {\"lines\":[{\"sku\":\"SKU-1\","
                            + "\"quantity\":1}],\"destinationLatitude\":52.37,"
                            + "\"destinationLongitude\":4.89}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new BadRequestException(
                        "unknown field '" + name + "'; the fields are " + FIELDS);
            }
        }
        String requestId =
                root.hasNonNull("requestId")
                        ? Requests.checkedId("requestId", text(root, "requestId"))
                        : "QT-" + ids.get();
        Double lat = number(root, "destinationLatitude", -90, 90);
        Double lon = number(root, "destinationLongitude", -180, 180);
        if ((lat == null) != (lon == null)) {
            throw new BadRequestException(
                    "destinationLatitude and destinationLongitude go together");
        }
        String pickup =
                root.hasNonNull("pickupNodeId")
                        ? Requests.checkedId("pickupNodeId", text(root, "pickupNodeId"))
                        : null;
        if (lat == null && pickup == null) {
            throw new BadRequestException(
                    "a quote needs a destination (destinationLatitude, destinationLongitude)"
                            + " or a pickupNodeId");
        }
        return QuoteRequest.newBuilder()
                .setEventId("quote-api-" + ids.get())
                .setEventTime(now)
                .setRequestId(requestId)
                .setChannel(root.hasNonNull("channel") ? text(root, "channel") : "WEB")
                .setLines(lines(root.get("lines")))
                .setDestinationLatitude(lat)
                .setDestinationLongitude(lon)
                .setPostalCode(root.hasNonNull("postalCode") ? text(root, "postalCode") : null)
                .setPickupNodeId(pickup)
                .setPreference(preference(root.get("preference")))
                .setRegion(root.hasNonNull("region") ? text(root, "region") : "")
                .setNodeGroup(
                        root.hasNonNull("nodeGroup")
                                ? Requests.checkedId("nodeGroup", text(root, "nodeGroup"))
                                : null)
                .build();
    }

    private static List<OrderLine> lines(JsonNode lines) {
        if (lines == null || !lines.isArray() || lines.isEmpty()) {
            throw new BadRequestException(
                    "'lines' must be a non-empty array of {\"sku\": ..., \"quantity\": ...}");
        }
        if (lines.size() > MAX_LINES) {
            throw new BadRequestException(
                    "at most " + MAX_LINES + " lines per quote, this one has " + lines.size());
        }
        List<OrderLine> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            if (!line.isObject()) {
                throw new BadRequestException("line " + i + " is not an object");
            }
            JsonNode sku = line.get("sku");
            JsonNode quantity = line.get("quantity");
            if (sku == null || !sku.isTextual()) {
                throw new BadRequestException("line " + i + " has no 'sku' string");
            }
            if (quantity == null || !quantity.isIntegralNumber() || !quantity.canConvertToInt()) {
                throw new BadRequestException("line " + i + " has no integer 'quantity'");
            }
            if (quantity.intValue() <= 0) {
                throw new BadRequestException("line " + i + " has a quantity below 1");
            }
            out.add(
                    new OrderLine(
                            Requests.checkedId("sku of line " + i, sku.asText()),
                            quantity.intValue()));
        }
        return out;
    }

    private static RoutingPreference preference(JsonNode node) {
        if (node == null || node.isNull()) {
            return RoutingPreference.BALANCED;
        }
        if (node.isTextual()) {
            for (RoutingPreference p : RoutingPreference.values()) {
                if (p.name().equals(node.asText())) {
                    return p;
                }
            }
        }
        throw new BadRequestException(
                "'preference' must be one of " + Arrays.toString(RoutingPreference.values()));
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (!n.isTextual()) {
            throw new BadRequestException("'" + field + "' must be a string");
        }
        return n.asText();
    }

    private static Double number(JsonNode root, String field, double min, double max) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber() || n.asDouble() < min || n.asDouble() > max) {
            throw new BadRequestException(
                    "'" + field + "' must be a number from " + min + " to " + max);
        }
        return n.asDouble();
    }

    private QuoteRequests() {}
}

package io.omnistock.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnistock.avro.HoldAction;
import io.omnistock.avro.HoldRequest;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The bodies of the hold endpoints as {@link HoldRequest}s, checked as the engine would check them
 * (a request the engine dead-letters is never answered, so the service refuses it with a 400
 * instead of waiting for a timeout). {@code eventId} and {@code eventTime} are the service's: a
 * fresh id per HTTP request and the moment it was asked. Unknown fields are refused.
 */
final class HoldRequests {
    /** The engine's TTL bounds: 1 s to a week. */
    static final int MAX_TTL_SECONDS = 604_800;

    private static final Set<String> HOLD_FIELDS =
            Set.of("holdId", "sku", "nodeId", "quantity", "ttlSeconds", "channel");
    private static final Set<String> EXTEND_FIELDS = Set.of("sku", "ttlSeconds", "channel");
    private static final Set<String> RELEASE_FIELDS = Set.of("sku", "channel");

    /**
     * {@code POST /v1/holds}: a HOLD; {@code holdId} is generated ({@code H-<uuid>}) when absent, a
     * missing or blank {@code nodeId} asks for any eligible node.
     */
    static HoldRequest hold(byte[] body, Instant now, Supplier<String> ids) {
        JsonNode root =
                object(body, HOLD_FIELDS, "{\"sku\":\"SKU-1\",\"quantity\":2,\"ttlSeconds\":900}");
        String holdId =
                root.hasNonNull("holdId")
                        ? Requests.checkedId("holdId", text(root, "holdId"))
                        : "H-" + ids.get();
        String node = root.hasNonNull("nodeId") ? text(root, "nodeId") : null;
        if (node != null && !node.isBlank()) {
            Requests.checkedId("nodeId", node);
        }
        return base(root, HoldAction.HOLD, holdId, now, ids)
                .setNodeId(node == null || node.isBlank() ? null : node)
                .setQuantity(integer(root, "quantity", 1, Integer.MAX_VALUE))
                .setTtlSeconds(integer(root, "ttlSeconds", 1, MAX_TTL_SECONDS))
                .build();
    }

    /** {@code POST /v1/holds/{holdId}/extend}: sets the expiry to {@code ttlSeconds} from now. */
    static HoldRequest extend(String holdId, byte[] body, Instant now, Supplier<String> ids) {
        JsonNode root = object(body, EXTEND_FIELDS, "{\"sku\":\"SKU-1\",\"ttlSeconds\":600}");
        return base(root, HoldAction.EXTEND, holdId, now, ids)
                .setTtlSeconds(integer(root, "ttlSeconds", 1, MAX_TTL_SECONDS))
                .build();
    }

    /** {@code POST /v1/holds/{holdId}/release}: gives the hold's units back. */
    static HoldRequest release(String holdId, byte[] body, Instant now, Supplier<String> ids) {
        JsonNode root = object(body, RELEASE_FIELDS, "{\"sku\":\"SKU-1\"}");
        return base(root, HoldAction.RELEASE, holdId, now, ids).build();
    }

    private static HoldRequest.Builder base(
            JsonNode root, HoldAction action, String holdId, Instant now, Supplier<String> ids) {
        if (!root.hasNonNull("sku")) {
            throw new BadRequestException(
                    "'sku' is missing: the engine's ledger is keyed by SKU, so every hold request"
                            + " names the hold's SKU");
        }
        return HoldRequest.newBuilder()
                .setEventId("hold-api-" + ids.get())
                .setEventTime(now)
                .setHoldId(Requests.checkedId("holdId", holdId))
                .setSku(Requests.checkedId("sku", text(root, "sku")))
                .setAction(action)
                .setChannel(root.hasNonNull("channel") ? text(root, "channel") : "WEB");
    }

    private static JsonNode object(byte[] body, Set<String> fields, String example) {
        JsonNode root = Requests.parse(body);
        if (!root.isObject()) {
            throw new BadRequestException("the body must be a JSON object, e.g. " + example);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new BadRequestException(
                        "unknown field '" + name + "'; the fields are " + fields);
            }
        }
        return root;
    }

    private static String text(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (!v.isTextual()) {
            throw new BadRequestException("'" + field + "' must be a string");
        }
        return v.asText();
    }

    private static int integer(JsonNode root, String field, int min, int max) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            throw new BadRequestException("'" + field + "' is missing");
        }
        if (!v.isIntegralNumber()
                || !v.canConvertToInt()
                || v.intValue() < min
                || v.intValue() > max) {
            throw new BadRequestException(
                    "'" + field + "' must be an integer from " + min + " to " + max);
        }
        return v.intValue();
    }

    private HoldRequests() {}
}

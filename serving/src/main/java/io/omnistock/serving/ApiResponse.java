package io.omnistock.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One HTTP answer: a status and a JSON body. */
public record ApiResponse(int status, JsonNode body) {

    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }

    /** {@code {"error": code, "message": message}} with {@code status}. */
    public static ApiResponse error(int status, String code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", code);
        body.put("message", message);
        return new ApiResponse(status, body);
    }

    public static ApiResponse badRequest(String message) {
        return error(400, "bad_request", message);
    }

    public static ApiResponse notFound(String message) {
        return error(404, "not_found", message);
    }
}

package io.omnistock.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Validation of what clients send: path segments and JSON bodies. */
public final class Requests {
    /** Longest SKU or node id accepted (the engine's ids are ~12 characters). */
    public static final int MAX_ID_LENGTH = 128;

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A path segment, percent-decoded as UTF-8 ({@code +} stays a plus), checked as an id.
     *
     * @throws BadRequestException when it is empty, malformed, too long or has control characters
     */
    public static String id(String what, String rawSegment) {
        String decoded = percentDecoded(what, rawSegment);
        return checkedId(what, decoded);
    }

    /**
     * The SKUs of a batch body: a JSON array of strings, at most {@code max} of them, duplicates
     * dropped (first occurrence kept).
     */
    public static List<String> skuList(byte[] body, int max) {
        JsonNode root = parse(body);
        if (!root.isArray()) {
            throw new BadRequestException(
                    "the body must be a JSON array of SKUs, e.g. [\"SKU-1\",\"SKU-2\"]");
        }
        if (root.isEmpty()) {
            throw new BadRequestException("the list of SKUs is empty");
        }
        if (root.size() > max) {
            throw new BadRequestException(
                    "at most " + max + " SKUs per batch, this one has " + root.size());
        }
        Set<String> skus = new LinkedHashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            if (!item.isTextual()) {
                throw new BadRequestException("item " + i + " of the list is not a string");
            }
            skus.add(checkedId("sku at item " + i, item.asText()));
        }
        return new ArrayList<>(skus);
    }

    /** The body as JSON. */
    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadRequestException("the request has no body; JSON expected");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new BadRequestException("the request has no body; JSON expected");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new BadRequestException("the body cannot be read: " + e.getMessage());
        }
    }

    static String checkedId(String what, String value) {
        if (value.isBlank()) {
            throw new BadRequestException(what + " is empty");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new BadRequestException(
                    what + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new BadRequestException(what + " contains a control character");
            }
        }
        return value;
    }

    /** RFC 3986 percent-decoding of one path segment. */
    static String percentDecoded(String what, String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new BadRequestException(what + " has a truncated %-escape");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new BadRequestException(what + " has an invalid %-escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private Requests() {}
}

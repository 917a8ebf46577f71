package io.omnistock.serving;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnistock.avro.Availability;
import io.omnistock.avro.GroupAvailability;
import io.omnistock.avro.NetworkAvailability;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
import io.omnistock.ops.RecordJson;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * The availability lookups, answered from the {@link AvailabilityView} in memory (never from Kafka,
 * so a slow broker cannot slow them). Every answer says whether the view had caught up with the
 * topics when it was read ({@code caughtUp}) and, per record, its {@code version}, {@code
 * eventTime} (inside the record, under the Avro field names) and {@code kafkaTimestamp}.
 */
public final class AvailabilityApi {
    /** Most SKUs one batch request may ask for. */
    public static final int MAX_BATCH = 100;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final ThreadLocal<AvroCodec<Availability>> POSITION_CODEC =
            ThreadLocal.withInitial(Topics.AVAILABILITY::codec);
    private static final ThreadLocal<AvroCodec<NetworkAvailability>> NETWORK_CODEC =
            ThreadLocal.withInitial(Topics.NETWORK_AVAILABILITY::codec);

    private static final ThreadLocal<AvroCodec<GroupAvailability>> GROUP_CODEC =
            ThreadLocal.withInitial(Topics.GROUP_AVAILABILITY::codec);

    private final AvailabilityView view;
    private final BooleanSupplier caughtUp;

    public AvailabilityApi(AvailabilityView view, BooleanSupplier caughtUp) {
        this.view = view;
        this.caughtUp = caughtUp;
    }

    /** {@code GET /v1/availability/{sku}/{node}}: the latest record of that position. */
    public ApiResponse position(String sku, String nodeId) {
        boolean current = caughtUp.getAsBoolean();
        StoredRecord record = view.position(sku, nodeId);
        if (record == null) {
            return ApiResponse.notFound(
                    "no availability for SKU '"
                            + sku
                            + "' at node '"
                            + nodeId
                            + "'"
                            + (current ? "" : " yet (the service is still catching up)"));
        }
        ObjectNode body = NODES.objectNode();
        body.put("caughtUp", current);
        body.set("availability", entry(record, POSITION_CODEC.get()));
        return ApiResponse.ok(body);
    }

    /** {@code GET /v1/availability/{sku}}: every node's record and the network totals. */
    public ApiResponse sku(String sku) {
        boolean current = caughtUp.getAsBoolean();
        SkuEntry entry = view.sku(sku);
        if (entry == null) {
            return ApiResponse.notFound(
                    "no availability for SKU '"
                            + sku
                            + "'"
                            + (current ? "" : " yet (the service is still catching up)"));
        }
        ObjectNode body = skuJson(sku, entry);
        body.put("caughtUp", current);
        return ApiResponse.ok(body);
    }

    /**
     * {@code GET /v1/availability/{sku}/groups}: the SKU's record of every node group it has one
     * for ({@code inventory.availability.groups}), sorted by group name.
     */
    public ApiResponse groups(String sku) {
        boolean current = caughtUp.getAsBoolean();
        SkuEntry entry = view.groups(sku);
        if (entry == null) {
            return ApiResponse.notFound(
                    "no group availability for SKU '"
                            + sku
                            + "'"
                            + (current ? "" : " yet (the service is still catching up)"));
        }
        ObjectNode body = NODES.objectNode();
        body.put("caughtUp", current);
        body.put("sku", sku);
        ArrayNode groups = body.putArray("groups");
        AvroCodec<GroupAvailability> codec = GROUP_CODEC.get();
        for (int i = 0; i < entry.nodeCount(); i++) {
            groups.add(entry(entry.nodeRecord(i), codec));
        }
        return ApiResponse.ok(body);
    }

    /**
     * {@code POST /v1/availability:batch}: {@link #sku} for each SKU of a JSON array; SKUs with
     * nothing held are listed under {@code notFound}.
     */
    public ApiResponse batch(byte[] body) {
        List<String> skus = Requests.skuList(body, MAX_BATCH);
        boolean current = caughtUp.getAsBoolean();
        ObjectNode out = NODES.objectNode();
        out.put("caughtUp", current);
        ArrayNode results = out.putArray("results");
        ArrayNode notFound = out.putArray("notFound");
        for (String sku : skus) {
            SkuEntry entry = view.sku(sku);
            if (entry == null) {
                notFound.add(sku);
            } else {
                results.add(skuJson(sku, entry));
            }
        }
        return ApiResponse.ok(out);
    }

    private static ObjectNode skuJson(String sku, SkuEntry entry) {
        ObjectNode body = NODES.objectNode();
        body.put("sku", sku);
        ArrayNode nodes = body.putArray("nodes");
        AvroCodec<Availability> codec = POSITION_CODEC.get();
        for (int i = 0; i < entry.nodeCount(); i++) {
            nodes.add(entry(entry.nodeRecord(i), codec));
        }
        StoredRecord network = entry.network();
        if (network == null) {
            body.putNull("network");
        } else {
            body.set("network", entry(network, NETWORK_CODEC.get()));
        }
        return body;
    }

    /** {@code {"record": {...Avro fields...}, "kafkaTimestamp": ...}}. */
    private static ObjectNode entry(StoredRecord stored, AvroCodec<?> codec) {
        SpecificRecord record;
        try {
            record = codec.decode(stored.avro());
        } catch (DecodeException e) {
            // the bytes were decoded when they were read from Kafka: this is a defect
            throw new IllegalStateException("a held record no longer decodes", e);
        }
        ObjectNode out = NODES.objectNode();
        out.set("record", RecordJson.API.toJson(record));
        out.put("kafkaTimestamp", stored.kafkaTimestamp());
        return out;
    }
}

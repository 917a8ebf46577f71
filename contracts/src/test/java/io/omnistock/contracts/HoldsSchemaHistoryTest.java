package io.omnistock.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Availability;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.SourceSystem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Holds appended {@code holdIds} to OrderRequest and {@code held} to Availability: producers and
 * consumers still on the versions before (the newest in the schema history without the field) are
 * read with the defaults, no hold and nothing held.
 */
class HoldsSchemaHistoryTest {
    private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void theVersionsBeforeHoldsAreKnownAndLackOnlyTheAppendedField() {
        assertBefore(OrderRequest.class, "holdIds");
        assertBefore(Availability.class, "held");
    }

    @Test
    void anOrderWrittenBeforeHoldsConfirmsNone() throws Exception {
        OrderRequest order =
                OrderRequest.newBuilder()
                        .setEventId("o-1")
                        .setEventTime(AT)
                        .setOrderId("O-1")
                        .setChannel("WEB")
                        .setLines(List.of(new OrderLine("SKU-1", 2)))
                        .setMethod(FulfilmentMethod.SHIP_TO_HOME)
                        .setDestinationLatitude(51.5)
                        .setDestinationLongitude(-0.1)
                        .setPromiseBy(AT.plusSeconds(86_400))
                        .build();

        OrderRequest read =
                Topics.ORDER_REQUESTS
                        .codec()
                        .decode(
                                writeAs(before(OrderRequest.class, "holdIds"), order),
                                WriterSchemas.headerValue(before(OrderRequest.class, "holdIds")));

        assertThat(read).isEqualTo(order);
        assertThat(read.getHoldIds()).isEmpty();
    }

    @Test
    void anAvailabilityWrittenBeforeHoldsHoldsNothing() throws Exception {
        Availability a =
                Availability.newBuilder()
                        .setEventId("SKU-1|DC-1|1")
                        .setEventTime(AT)
                        .setSku("SKU-1")
                        .setNodeId("DC-1")
                        .setNodeType(NodeType.DC)
                        .setOnHand(10)
                        .setReserved(2)
                        .setInTransit(0)
                        .setSafetyStock(1)
                        .setAtp(7)
                        .setVersion(1)
                        .setLastSource(SourceSystem.WMS)
                        .setLastEventId("r-1")
                        .build();

        Availability read =
                Topics.AVAILABILITY
                        .codec()
                        .decode(
                                writeAs(before(Availability.class, "held"), a),
                                WriterSchemas.headerValue(before(Availability.class, "held")));

        assertThat(read).isEqualTo(a);
        assertThat(read.getHeld()).isZero();
    }

    private static void assertBefore(Class<? extends SpecificRecord> type, String appended) {
        List<Schema> versions = versions(type);
        int before = versions.indexOf(before(type, appended));
        Schema after = versions.get(before + 1);
        assertThat(after.getField(appended).pos()).isEqualTo(after.getFields().size() - 1);
        assertThat(versions.get(before).getFields()).hasSize(after.getFields().size() - 1);
        assertThat(
                        WriterSchemas.known()
                                .find(
                                        WriterSchemas.parseHeader(
                                                WriterSchemas.headerValue(versions.get(before)))))
                .isEqualTo(versions.get(before));
    }

    /**
     * The newest version without {@code field}: the one before holds appended it (later fields may
     * have been appended since).
     */
    private static Schema before(Class<? extends SpecificRecord> type, String field) {
        List<Schema> versions = versions(type);
        for (int i = versions.size() - 2; i >= 0; i--) {
            if (versions.get(i).getField(field) == null) {
                return versions.get(i);
            }
        }
        throw new AssertionError("no version of " + type.getSimpleName() + " without " + field);
    }

    /** The schema history, oldest first, then the current schema. */
    private static List<Schema> versions(Class<? extends SpecificRecord> type) {
        List<Schema> versions = new ArrayList<>(WriterSchemas.history(type));
        versions.add(SpecificData.get().getSchema(type));
        return versions;
    }

    private static <T extends SpecificRecord> byte[] writeAs(Schema writerSchema, T record)
            throws IOException {
        SpecificDatumWriter<T> writer =
                new SpecificDatumWriter<>(
                        writerSchema, SpecificData.getForClass(record.getClass()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        writer.write(record, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }
}

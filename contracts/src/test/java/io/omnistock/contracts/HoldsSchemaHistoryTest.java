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
 * consumers still on the versions before (v2 in the schema history) are read with the defaults, no
 * hold and nothing held.
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
                                writeAs(before(OrderRequest.class), order),
                                header(OrderRequest.class));

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
                        .decode(writeAs(before(Availability.class), a), header(Availability.class));

        assertThat(read).isEqualTo(a);
        assertThat(read.getHeld()).isZero();
    }

    private static void assertBefore(Class<? extends SpecificRecord> type, String appended) {
        Schema current = SpecificData.get().getSchema(type);
        Schema before = before(type);
        assertThat(before.getField(appended)).isNull();
        assertThat(current.getField(appended).pos()).isEqualTo(current.getFields().size() - 1);
        assertThat(before.getFields()).hasSize(current.getFields().size() - 1);
        assertThat(WriterSchemas.known().find(WriterSchemas.parseHeader(header(type))))
                .isEqualTo(before);
    }

    /** The last version in the history: the one before holds. */
    private static Schema before(Class<? extends SpecificRecord> type) {
        List<Schema> history = WriterSchemas.history(type);
        assertThat(history).hasSize(2);
        return history.get(1);
    }

    private static String header(Class<? extends SpecificRecord> type) {
        return WriterSchemas.headerValue(before(type));
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

package io.omnistock.generator;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.LifecycleType;
import io.omnistock.avro.OrderLifecycleEvent;
import io.omnistock.avro.OrderRequest;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.Topics;
import java.time.Instant;

/**
 * Order requests and lifecycle events as Kafka records (key = order id, timestamp = event time).
 * Not thread-safe (the codecs keep buffers).
 */
final class OrderRecords {
    private final AvroCodec<OrderRequest> requests = Topics.ORDER_REQUESTS.codec();
    private final AvroCodec<OrderLifecycleEvent> lifecycle = Topics.ORDER_LIFECYCLE.codec();

    /** A lifecycle event that is not a return. */
    static OrderLifecycleEvent lifecycle(
            String eventId, long time, String orderId, LifecycleType type) {
        return OrderLifecycleEvent.newBuilder()
                .setEventId(eventId)
                .setEventTime(Instant.ofEpochMilli(time))
                .setOrderId(orderId)
                .setType(type)
                .build();
    }

    GeneratedRecord valid(OrderRequest order) {
        return record(order, GeneratedRecord.Kind.VALID, null);
    }

    GeneratedRecord valid(OrderLifecycleEvent event) {
        return record(event, GeneratedRecord.Kind.VALID, null);
    }

    GeneratedRecord malformed(OrderRequest order, DeadLetterReason reason) {
        return record(order, GeneratedRecord.Kind.MALFORMED, reason);
    }

    GeneratedRecord malformed(OrderLifecycleEvent event, DeadLetterReason reason) {
        return record(event, GeneratedRecord.Kind.MALFORMED, reason);
    }

    private GeneratedRecord record(
            OrderRequest order, GeneratedRecord.Kind kind, DeadLetterReason reason) {
        return record(
                Topics.ORDER_REQUESTS.name(),
                order.getOrderId(),
                requests.encode(order),
                order.getEventTime().toEpochMilli(),
                kind,
                reason);
    }

    private GeneratedRecord record(
            OrderLifecycleEvent event, GeneratedRecord.Kind kind, DeadLetterReason reason) {
        return record(
                Topics.ORDER_LIFECYCLE.name(),
                event.getOrderId(),
                lifecycle.encode(event),
                event.getEventTime().toEpochMilli(),
                kind,
                reason);
    }

    private static GeneratedRecord record(
            String topic,
            String orderId,
            byte[] value,
            long time,
            GeneratedRecord.Kind kind,
            DeadLetterReason reason) {
        return new GeneratedRecord(topic, orderId, value, time, kind, reason, time);
    }
}

package io.omnistock.engine.functions;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.OrderLifecycleEvent;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.contracts.DeadLetters;
import io.omnistock.domain.channels.Channel;
import io.omnistock.domain.holds.HoldCommand;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.safety.SafetyStockRule;
import io.omnistock.domain.safety.SkuCategory;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import io.omnistock.ledger.functions.serialization.SourcedEventSerializer;
import io.omnistock.ledger.functions.serialization.SourcedEventTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One record flowing through the job: exactly one of {@link #event} (inventory topics), {@link
 * #node} (network.nodes), {@link #order} (orders.requests), {@link #lifecycle} (orders.lifecycle),
 * {@link #quote} (quotes.requests), {@link #request} (orders.reservations, or a probe made in the
 * job), {@link #reply} (the ledger answering routing), {@link #skuCategory} (reference.skus),
 * {@link #rule} (reference.safety-stock), {@link #hold} (holds.requests), {@link #channel}
 * (reference.channels) or {@link #rejection} is set; a ROUTE request (the single-SKU fast path)
 * carries its {@link #order} too, for the ledger to plan. A record read from Kafka keeps where it
 * came from and its original bytes, so a record rejected anywhere downstream reaches the
 * dead-letter topic intact. Serialized by {@link SourcedEventSerializer}.
 */
@TypeInfo(SourcedEventTypeInfo.Factory.class)
public class SourcedEvent {
    public InventoryEvent event;
    public NodeInfo node;
    public OrderRequest order;
    public OrderLifecycleEvent lifecycle;
    public QuoteRequest quote;
    public StockRequest request;
    public StockReply reply;
    public SkuCategory skuCategory;
    public SafetyStockRule rule;
    public HoldCommand hold;
    public Channel channel;

    public DeadLetterReason rejection;
    public String rejectionMessage;

    public String topic;
    public int partition;
    public long offset;
    public long recordTimestamp;
    public String key;
    public byte[] bytes;

    public SourcedEvent() {}

    public boolean isRejected() {
        return rejection != null;
    }

    /** This record as a dead letter, with its origin and original bytes. */
    public DeadLetter toDeadLetter(DeadLetterReason reason, String message) {
        return DeadLetters.of(
                topic, partition, offset, recordTimestamp, key, reason, message, bytes);
    }

    public static SourcedEvent of(StockRequest request) {
        SourcedEvent sourced = new SourcedEvent();
        sourced.request = request;
        return sourced;
    }

    public static SourcedEvent of(StockReply reply) {
        SourcedEvent sourced = new SourcedEvent();
        sourced.reply = reply;
        return sourced;
    }

    /** Node reference data on its way to the ledger's broadcast side. */
    public static SourcedEvent of(NodeInfo node) {
        SourcedEvent sourced = new SourcedEvent();
        sourced.node = node;
        return sourced;
    }

    /** A safety-stock rule on its way to the ledger. */
    public static SourcedEvent of(SafetyStockRule rule) {
        SourcedEvent sourced = new SourcedEvent();
        sourced.rule = rule;
        return sourced;
    }

    /** A channel definition on its way to the ledger's broadcast side. */
    public static SourcedEvent of(Channel channel) {
        SourcedEvent sourced = new SourcedEvent();
        sourced.channel = channel;
        return sourced;
    }

    /** Whether this is SKU reference data or a safety-stock rule (both set safety stock). */
    public boolean isSafetyStockReference() {
        return skuCategory != null || rule != null;
    }

    /** Whether this record was read from a Kafka topic (not made inside the job). */
    public boolean fromKafka() {
        return topic != null;
    }

    /** The SKU a ledger record is about: its event's, its request's, its SKU record's or rule's. */
    public String sku() {
        if (event != null) {
            return event.sku;
        }
        if (request != null) {
            return request.sku;
        }
        if (hold != null) {
            return hold.sku;
        }
        return skuCategory != null ? skuCategory.sku : rule.sku;
    }

    /**
     * The key of a routing record: the order it is about, or for a quote the request's event id
     * (its probes' answers carry it as their order id).
     */
    public String orderId() {
        if (order != null) {
            return order.getOrderId();
        }
        if (quote != null) {
            return quote.getEventId();
        }
        return lifecycle != null ? lifecycle.getOrderId() : reply.orderId;
    }

    /** Event time for watermarks: rejected records and reference data do not move event time. */
    public long eventTime() {
        if (rejection != null) {
            return Long.MIN_VALUE;
        }
        if (event != null) {
            return event.eventTime;
        }
        if (order != null) {
            return order.getEventTime().toEpochMilli();
        }
        if (lifecycle != null) {
            return lifecycle.getEventTime().toEpochMilli();
        }
        if (quote != null) {
            return quote.getEventTime().toEpochMilli();
        }
        if (hold != null) {
            return hold.eventTime;
        }
        return request != null ? request.eventTime : Long.MIN_VALUE;
    }
}

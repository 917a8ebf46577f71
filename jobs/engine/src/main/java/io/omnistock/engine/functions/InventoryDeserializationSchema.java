package io.omnistock.engine.functions;

import io.omnistock.avro.ChannelDefinition;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.HoldRequest;
import io.omnistock.avro.LifecycleType;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.OrderLifecycleEvent;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.avro.ReservationRequest;
import io.omnistock.avro.SafetyStockRule;
import io.omnistock.avro.SkuRecord;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.WmsEvent;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
import io.omnistock.contracts.WriterSchemas;
import io.omnistock.domain.channels.Channel;
import io.omnistock.domain.channels.ChannelRecordValidator;
import io.omnistock.domain.holds.HoldCommand;
import io.omnistock.domain.holds.HoldValidator;
import io.omnistock.domain.inventory.EventValidator;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.inventory.Rejection;
import io.omnistock.domain.network.NodeRecordValidator;
import io.omnistock.domain.safety.ReferenceRecordValidator;
import io.omnistock.domain.safety.SkuCategory;
import io.omnistock.ledger.domain.NodeInfo;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads the ledger job's input topics into {@link SourcedEvent}s and never throws: bytes that do
 * not decode, a key that does not match, and inventory events that break a stateless rule come out
 * as rejections carrying their original bytes, bound for the dead-letter topic. Orders are checked
 * by routing, which answers every order it can identify with a decision; quote requests likewise
 * get a response, an error one when they are invalid.
 */
public class InventoryDeserializationSchema
        implements KafkaRecordDeserializationSchema<SourcedEvent> {
    private static final long serialVersionUID = 1L;

    private final LedgerSettings settings;

    private transient AvroCodec<PosEvent> pos;
    private transient AvroCodec<WmsEvent> wms;
    private transient AvroCodec<ThreePlEvent> threePl;
    private transient AvroCodec<NodeRecord> nodes;
    private transient AvroCodec<OrderRequest> orders;
    private transient AvroCodec<OrderLifecycleEvent> lifecycle;
    private transient AvroCodec<ReservationRequest> reservations;
    private transient AvroCodec<QuoteRequest> quotes;
    private transient AvroCodec<SkuRecord> skus;
    private transient AvroCodec<SafetyStockRule> safetyStock;
    private transient AvroCodec<HoldRequest> holds;
    private transient AvroCodec<ChannelDefinition> channels;
    private transient ChannelRecordValidator channelValidator;
    private transient HoldValidator holdValidator;
    private transient EventValidator validator;
    private transient NodeRecordValidator nodeValidator;
    private transient ReferenceRecordValidator referenceValidator;

    public InventoryDeserializationSchema(LedgerSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        pos = Topics.POS.codec();
        wms = Topics.WMS.codec();
        threePl = Topics.THREE_PL.codec();
        nodes = Topics.NODES.codec();
        orders = Topics.ORDER_REQUESTS.codec();
        lifecycle = Topics.ORDER_LIFECYCLE.codec();
        reservations = Topics.RESERVATIONS.codec();
        quotes = Topics.QUOTE_REQUESTS.codec();
        skus = Topics.SKUS.codec();
        safetyStock = Topics.SAFETY_STOCK.codec();
        holds = Topics.HOLD_REQUESTS.codec();
        channels = Topics.CHANNELS.codec();
        channelValidator = new ChannelRecordValidator(settings.maxQuantity());
        holdValidator = new HoldValidator(settings.maxQuantity(), settings.maxFutureSkewMillis());
        validator = new EventValidator(settings);
        nodeValidator = new NodeRecordValidator(settings.maxQuantity());
        referenceValidator = new ReferenceRecordValidator(settings.maxQuantity());
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourcedEvent> out) {
        SourcedEvent sourced = new SourcedEvent();
        sourced.topic = record.topic();
        sourced.partition = record.partition();
        sourced.offset = record.offset();
        sourced.recordTimestamp = record.timestamp();
        sourced.key =
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        sourced.bytes = record.value() == null ? new byte[0] : record.value();
        if (record.value() == null && sourced.topic.equals(Topics.CHANNELS.name())) {
            readChannelTombstone(sourced);
            out.collect(sourced);
            return;
        }
        Header schema = record.headers().lastHeader(WriterSchemas.HEADER);
        String writer =
                schema == null || schema.value() == null
                        ? null
                        : new String(schema.value(), StandardCharsets.UTF_8);
        try {
            read(sourced, writer);
        } catch (DecodeException e) {
            reject(sourced, e.reason(), e.getMessage());
        }
        out.collect(sourced);
    }

    /** {@code writer}: the record's {@link WriterSchemas#HEADER} value, or null. */
    private void read(SourcedEvent sourced, String writer) throws DecodeException {
        String topic = sourced.topic;
        if (topic.equals(Topics.NODES.name())) {
            readNode(sourced, nodes.decode(sourced.bytes, writer));
            return;
        }
        if (topic.equals(Topics.SKUS.name())) {
            readSku(sourced, skus.decode(sourced.bytes, writer));
            return;
        }
        if (topic.equals(Topics.SAFETY_STOCK.name())) {
            readRule(sourced, safetyStock.decode(sourced.bytes, writer));
            return;
        }
        if (topic.equals(Topics.CHANNELS.name())) {
            readChannel(sourced, channels.decode(sourced.bytes, writer));
            return;
        }
        if (topic.equals(Topics.ORDER_REQUESTS.name())) {
            sourced.order = orders.decode(sourced.bytes, writer);
            checkKey(sourced, sourced.order.getOrderId());
            return;
        }
        if (topic.equals(Topics.QUOTE_REQUESTS.name())) {
            sourced.quote = quotes.decode(sourced.bytes, writer);
            checkKey(sourced, sourced.quote.getRequestId());
            return;
        }
        if (topic.equals(Topics.ORDER_LIFECYCLE.name())) {
            OrderLifecycleEvent e = lifecycle.decode(sourced.bytes, writer);
            if (e.getType() == LifecycleType.RETURN_RECEIVED) {
                // a returned line goes to its SKU's ledger, which triages it
                readEvent(sourced, InventoryEventMapper.fromReturnReceived(e), e.getOrderId());
            } else {
                sourced.lifecycle = e;
                checkKey(sourced, e.getOrderId());
            }
            return;
        }
        if (topic.equals(Topics.HOLD_REQUESTS.name())) {
            readHold(sourced, holds.decode(sourced.bytes, writer));
            return;
        }
        if (topic.equals(Topics.RESERVATIONS.name())) {
            sourced.request =
                    InventoryEventMapper.fromReservation(
                            reservations.decode(sourced.bytes, writer));
            if (sourced.request == null) {
                reject(sourced, DeadLetterReason.MISSING_FIELD, "no known reservation action");
                return;
            }
            checkKey(sourced, sourced.request.sku);
            return;
        }
        InventoryEvent event;
        if (topic.equals(Topics.POS.name())) {
            event = InventoryEventMapper.fromPos(pos.decode(sourced.bytes, writer));
        } else if (topic.equals(Topics.WMS.name())) {
            event = InventoryEventMapper.fromWms(wms.decode(sourced.bytes, writer));
        } else if (topic.equals(Topics.THREE_PL.name())) {
            event = InventoryEventMapper.fromThreePl(threePl.decode(sourced.bytes, writer));
        } else {
            throw new DecodeException(DeadLetterReason.UNKNOWN, "not a ledger topic: " + topic);
        }
        readEvent(sourced, event, event.sku);
    }

    /** An inventory event: validated, and its record's key checked against {@code key}. */
    private void readEvent(SourcedEvent sourced, InventoryEvent event, String key) {
        sourced.event = event;
        Rejection rejection = validator.validate(event, System.currentTimeMillis());
        if (rejection != null) {
            reject(sourced, rejection.reason(), rejection.message());
            return;
        }
        checkKey(sourced, key);
    }

    /** A hold request: validated ({@link HoldValidator}), then its key checked against its SKU. */
    private void readHold(SourcedEvent sourced, HoldRequest request) {
        Rejection rejection = holdValidator.validate(request, System.currentTimeMillis());
        if (rejection != null) {
            reject(sourced, rejection.reason(), rejection.message());
            return;
        }
        if (checkKey(sourced, request.getSku())) {
            sourced.hold = HoldCommand.of(request);
        }
    }

    /** A node record, validated in the order {@link NodeRecordValidator} documents. */
    private void readNode(SourcedEvent sourced, NodeRecord record) {
        Rejection rejection = nodeValidator.checkIdentity(record);
        if (rejection == null && !checkKey(sourced, record.getNodeId())) {
            return;
        }
        if (rejection == null) {
            rejection = nodeValidator.checkFigures(record);
        }
        if (rejection != null) {
            reject(sourced, rejection.reason(), rejection.message());
            return;
        }
        NodeInfo node = InventoryEventMapper.fromNode(record);
        sourced.node = node;
    }

    /** A SKU record: validated, then its key checked against its SKU. */
    private void readSku(SourcedEvent sourced, SkuRecord record) {
        Rejection rejection = referenceValidator.checkSku(record);
        if (rejection != null) {
            reject(sourced, rejection.reason(), rejection.message());
            return;
        }
        if (checkKey(sourced, record.getSku())) {
            sourced.skuCategory =
                    new SkuCategory(
                            record.getSku(),
                            record.getCategory(),
                            record.getEventTime().toEpochMilli());
        }
    }

    /**
     * A safety-stock rule, validated in the order {@link ReferenceRecordValidator} documents: its
     * scope's fields, its key against its scope id, its units.
     */
    private void readRule(SourcedEvent sourced, SafetyStockRule record) {
        Rejection rejection = referenceValidator.checkScope(record);
        if (rejection == null && !checkKey(sourced, ReferenceRecordValidator.scopeId(record))) {
            return;
        }
        if (rejection == null) {
            rejection = referenceValidator.checkUnits(record);
        }
        if (rejection != null) {
            reject(sourced, rejection.reason(), rejection.message());
            return;
        }
        sourced.rule = ReferenceRecordValidator.rule(record);
    }

    /**
     * A channel definition, validated in the order {@link ChannelRecordValidator} documents, its
     * key checked against its channel id after the id.
     */
    private void readChannel(SourcedEvent sourced, ChannelDefinition record) {
        Rejection rejection = channelValidator.check(record);
        if (rejection != null && rejection.reason() == DeadLetterReason.ABSURD_QUANTITY) {
            if (checkKey(sourced, record.getChannel())) {
                reject(sourced, rejection.reason(), rejection.message());
            }
            return;
        }
        if (rejection != null) {
            reject(sourced, rejection.reason(), rejection.message());
            return;
        }
        if (checkKey(sourced, record.getChannel())) {
            sourced.channel = ChannelRecordValidator.channel(record);
        }
    }

    /** A tombstone removes the channel its key names, as of its record's timestamp. */
    private static void readChannelTombstone(SourcedEvent sourced) {
        if (isBlank(sourced.key)) {
            reject(sourced, DeadLetterReason.MISSING_KEY, "record has no key");
            return;
        }
        sourced.channel = Channel.removed(sourced.key, sourced.recordTimestamp);
    }

    private static boolean checkKey(SourcedEvent sourced, String expected) {
        if (isBlank(sourced.key)) {
            reject(sourced, DeadLetterReason.MISSING_KEY, "record has no key");
            return false;
        }
        if (!sourced.key.equals(expected)) {
            reject(
                    sourced,
                    DeadLetterReason.KEY_MISMATCH,
                    "key '" + sourced.key + "' does not match '" + expected + "'");
            return false;
        }
        return true;
    }

    private static void reject(SourcedEvent sourced, DeadLetterReason reason, String message) {
        sourced.rejection = reason;
        sourced.rejectionMessage = message;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public TypeInformation<SourcedEvent> getProducedType() {
        return TypeInformation.of(SourcedEvent.class);
    }
}

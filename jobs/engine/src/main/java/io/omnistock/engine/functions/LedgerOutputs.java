package io.omnistock.engine.functions;

import io.omnistock.avro.ChannelAvailability;
import io.omnistock.avro.CountCheck;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.Discrepancy;
import io.omnistock.avro.GroupAvailability;
import io.omnistock.avro.HoldEvent;
import io.omnistock.avro.InventoryAlert;
import io.omnistock.avro.Movement;
import io.omnistock.avro.NetworkAvailability;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.ReservationRequest;
import io.omnistock.avro.ReturnDisposition;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.OutputTag;

/** The side outputs of the ledger's functions, typed so nothing falls back to Kryo. */
public final class LedgerOutputs {
    /** Node reference data on its way to routing's broadcast side. */
    public static final OutputTag<RoutingReference> NODE_UPDATES =
            new OutputTag<>("node-updates", TypeInformation.of(RoutingReference.class));

    /**
     * What the ledger's broadcast side takes: node reference data and the safety-stock rules that
     * name no SKU (category and node-type scopes).
     */
    public static final OutputTag<SourcedEvent> LEDGER_REFERENCE =
            new OutputTag<>("ledger-reference", TypeInformation.of(SourcedEvent.class));

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", new AvroTypeInfo<>(DeadLetter.class));
    public static final OutputTag<NetworkAvailability> NETWORK =
            new OutputTag<>("network-availability", new AvroTypeInfo<>(NetworkAvailability.class));

    /** A SKU's availability per node group, for inventory.availability.groups. */
    public static final OutputTag<GroupAvailability> GROUPS =
            new OutputTag<>("group-availability", new AvroTypeInfo<>(GroupAvailability.class));

    /** Available to sell per sales channel (inventory.availability.channels). */
    public static final OutputTag<ChannelAvailability> CHANNELS =
            new OutputTag<>("channel-availability", new AvroTypeInfo<>(ChannelAvailability.class));

    public static final OutputTag<InventoryAlert> ALERTS =
            new OutputTag<>("alerts", new AvroTypeInfo<>(InventoryAlert.class));
    public static final OutputTag<Discrepancy> DISCREPANCIES =
            new OutputTag<>("discrepancies", new AvroTypeInfo<>(Discrepancy.class));

    /** Triage decisions of returned lines, for returns.dispositions. */
    public static final OutputTag<ReturnDisposition> RETURN_DISPOSITIONS =
            new OutputTag<>("return-dispositions", new AvroTypeInfo<>(ReturnDisposition.class));

    /** Counts compared with the ledger, for inventory.count-checks (inventory accuracy). */
    public static final OutputTag<CountCheck> COUNT_CHECKS =
            new OutputTag<>("count-checks", new AvroTypeInfo<>(CountCheck.class));

    /** The movement journal: every event the ledger judged, for inventory.movements. */
    public static final OutputTag<Movement> MOVEMENTS =
            new OutputTag<>("movements", new AvroTypeInfo<>(Movement.class));

    /** The ledger's answers to routing, keyed by order downstream. */
    public static final OutputTag<SourcedEvent> STOCK_REPLIES =
            new OutputTag<>("stock-replies", TypeInformation.of(SourcedEvent.class));

    /** Routing's requests to the ledger, for the orders.reservations topic. */
    public static final OutputTag<ReservationRequest> RESERVATION_REQUESTS =
            new OutputTag<>("reservation-requests", new AvroTypeInfo<>(ReservationRequest.class));

    /** Routing's answers to delivery-options quotes, for the quotes.responses topic. */
    public static final OutputTag<QuoteResponse> QUOTE_RESPONSES =
            new OutputTag<>("quote-responses", new AvroTypeInfo<>(QuoteResponse.class));

    /** What became of each cart and checkout hold, for the holds.events topic. */
    public static final OutputTag<HoldEvent> HOLD_EVENTS =
            new OutputTag<>("hold-events", new AvroTypeInfo<>(HoldEvent.class));

    /** Orders, their lifecycle events and quote requests, on their way to routing. */
    public static final OutputTag<SourcedEvent> ORDERS =
            new OutputTag<>("orders", TypeInformation.of(SourcedEvent.class));

    private LedgerOutputs() {}
}

package io.omnistock.domain.channels;

import io.omnistock.avro.ChannelControlKind;
import io.omnistock.avro.ChannelDefinition;
import io.omnistock.avro.ChannelScope;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.domain.inventory.Rejection;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks channel definitions as strictly as safety-stock rules: one that would let a channel sell
 * more than ATP, or apply a control to positions it does not name, is dead-lettered, never applied.
 * The checks, in this order; the dead letter's reason is the first failing one's:
 *
 * <ol>
 *   <li>{@code INVALID_CHANNEL}: a blank channel id, or more than {@link #MAX_CONTROLS} controls
 *       (they are kept on every ledger subtask);
 *   <li>per control, in list order, {@code INVALID_CHANNEL}: a field its scope needs is missing or
 *       blank, or one its scope does not use is set (as a safety-stock rule); an EXCLUDE scoped
 *       other than SKU or CATEGORY, or with units or a percent; a BUFFER with both units and a
 *       percent, negative units, or a percent outside 0..100; {@code effectiveFrom} not before
 *       {@code effectiveUntil};
 *   <li>{@code ABSURD_QUANTITY}: a buffer's units above {@code ledger.max-quantity}.
 * </ol>
 *
 * The record's key is checked against the channel id by the function that reads it.
 */
public final class ChannelRecordValidator {
    /** The most controls one channel may have. */
    public static final int MAX_CONTROLS = 1_000;

    private final long maxQuantity;

    /**
     * @param maxQuantity the largest plausible quantity ({@code ledger.max-quantity})
     */
    public ChannelRecordValidator(long maxQuantity) {
        this.maxQuantity = maxQuantity;
    }

    /** Null when the definition can be applied, else why not. */
    public Rejection check(ChannelDefinition record) {
        if (isBlank(record.getChannel())) {
            return invalid("channel is required");
        }
        List<io.omnistock.avro.ChannelControl> controls = record.getControls();
        if (controls.size() > MAX_CONTROLS) {
            return invalid(controls.size() + " controls, at most " + MAX_CONTROLS);
        }
        Rejection absurd = null;
        for (int i = 0; i < controls.size(); i++) {
            io.omnistock.avro.ChannelControl c = controls.get(i);
            List<String> wrong = wrong(c);
            if (!wrong.isEmpty()) {
                return invalid(
                        "control "
                                + i
                                + " ("
                                + c.getKind()
                                + ' '
                                + c.getScope()
                                + "): "
                                + String.join(", ", wrong));
            }
            if (absurd == null && c.getUnits() > maxQuantity) {
                absurd =
                        new Rejection(
                                DeadLetterReason.ABSURD_QUANTITY,
                                "control "
                                        + i
                                        + ": units "
                                        + c.getUnits()
                                        + " is above "
                                        + maxQuantity);
            }
        }
        return absurd;
    }

    private static List<String> wrong(io.omnistock.avro.ChannelControl c) {
        ChannelScope scope = c.getScope();
        boolean sku = scope == ChannelScope.SKU_NODE || scope == ChannelScope.SKU;
        boolean node = scope == ChannelScope.SKU_NODE;
        boolean category =
                scope == ChannelScope.CATEGORY_NODE_TYPE || scope == ChannelScope.CATEGORY;
        boolean type = scope == ChannelScope.CATEGORY_NODE_TYPE || scope == ChannelScope.NODE_TYPE;
        List<String> wrong = new ArrayList<>();
        check(wrong, "sku", c.getSku(), sku);
        check(wrong, "nodeId", c.getNodeId(), node);
        check(wrong, "category", c.getCategory(), category);
        if (type != (c.getNodeType() != null)) {
            wrong.add(type ? "nodeType is required" : "nodeType is not used");
        }
        if (c.getKind() == ChannelControlKind.EXCLUDE) {
            if (scope != ChannelScope.SKU && scope != ChannelScope.CATEGORY) {
                wrong.add("an exclusion takes scope SKU or CATEGORY");
            }
            if (c.getUnits() != 0 || c.getPercent() != null) {
                wrong.add("an exclusion takes no units or percent");
            }
        } else {
            if (c.getPercent() != null && c.getUnits() != 0) {
                wrong.add("units and percent are exclusive");
            }
            if (c.getUnits() < 0) {
                wrong.add("units " + c.getUnits() + " is negative");
            }
            if (c.getPercent() != null && (c.getPercent() < 0 || c.getPercent() > 100)) {
                wrong.add("percent " + c.getPercent() + " is outside 0..100");
            }
        }
        if (c.getEffectiveFrom() != null
                && c.getEffectiveUntil() != null
                && !c.getEffectiveFrom().isBefore(c.getEffectiveUntil())) {
            wrong.add("effectiveFrom is not before effectiveUntil");
        }
        return wrong;
    }

    /** The channel as the ledger keeps it. Call after {@link #check}. */
    public static Channel channel(ChannelDefinition record) {
        List<ChannelControl> controls = new ArrayList<>();
        for (io.omnistock.avro.ChannelControl c : record.getControls()) {
            ChannelControl control = new ChannelControl();
            control.kind = c.getKind();
            control.scope = c.getScope();
            control.sku = c.getSku();
            control.nodeId = c.getNodeId();
            control.category = c.getCategory();
            control.nodeType = c.getNodeType();
            control.units = c.getUnits();
            control.percent = c.getPercent() == null ? ChannelControl.NO_PERCENT : c.getPercent();
            if (c.getEffectiveFrom() != null) {
                control.effectiveFrom = c.getEffectiveFrom().toEpochMilli();
            }
            if (c.getEffectiveUntil() != null) {
                control.effectiveUntil = c.getEffectiveUntil().toEpochMilli();
            }
            controls.add(control);
        }
        return new Channel(record.getChannel(), record.getEventTime().toEpochMilli(), controls);
    }

    private static Rejection invalid(String message) {
        return new Rejection(DeadLetterReason.INVALID_CHANNEL, message);
    }

    private static void check(List<String> wrong, String field, String value, boolean used) {
        if (used && isBlank(value)) {
            wrong.add(field + " is required");
        } else if (!used && value != null) {
            wrong.add(field + " is not used");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}

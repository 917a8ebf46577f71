package io.omnistock.contracts;

import io.omnistock.avro.DeadLetterReason;

/** Bytes that could not be turned into a record, with the dead-letter reason that says why. */
public final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final DeadLetterReason reason;

    public DecodeException(DeadLetterReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DecodeException(DeadLetterReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}

package io.omnistock.domain.inventory;

import io.omnistock.avro.DeadLetterReason;

/** Why an event may not enter the ledger: a dead-letter reason code and a human message. */
public record Rejection(DeadLetterReason reason, String message) {}

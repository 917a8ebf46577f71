package io.omnistock.domain.quotes;

import io.omnistock.avro.QuoteError;

/** Why a quote request gets an error response. */
public record QuoteRejection(QuoteError reason, String message) {}

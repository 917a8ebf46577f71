package io.omnistock.bench.e2e;

import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.QuoteStatus;
import io.omnistock.contracts.Topics;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads {@code quotes.responses} as the web shop would: each response is matched by its request's
 * event id to the quote that asked. Counts responses by status and the options of the OK ones.
 */
final class QuoteWatcher extends LatencyWatcher<QuoteResponse> {
    private final Map<QuoteStatus, Long> byStatus = new EnumMap<>(QuoteStatus.class);
    private long options;

    /** For a job running at-least-once ({@code read_uncommitted}). */
    QuoteWatcher(String bootstrapServers) {
        this(bootstrapServers, false);
    }

    /**
     * @param readCommitted {@code read_committed} (the job runs exactly-once) or not
     */
    QuoteWatcher(String bootstrapServers, boolean readCommitted) {
        super(bootstrapServers, Topics.QUOTE_RESPONSES, readCommitted);
    }

    @Override
    String matchKey(QuoteResponse response) {
        return response.getRequestEventId();
    }

    @Override
    synchronized void onRecord(QuoteResponse response) {
        byStatus.merge(response.getStatus(), 1L, Long::sum);
        if (response.getStatus() == QuoteStatus.OK) {
            options += response.getOptions().size();
        }
    }

    synchronized long count(QuoteStatus status) {
        return byStatus.getOrDefault(status, 0L);
    }

    /** Options per OK response. */
    synchronized double optionsPerAnsweredQuote() {
        long ok = count(QuoteStatus.OK);
        return ok == 0 ? 0 : (double) options / ok;
    }
}

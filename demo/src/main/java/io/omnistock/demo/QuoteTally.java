package io.omnistock.demo;

import io.omnistock.avro.DeliveryOption;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.QuoteLabel;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.QuoteStatus;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Running figures of the quote responses read from {@code quotes.responses}: responses per status,
 * options per answered quote, which method wins each label, and how many options come with a
 * consolidation suggestion. Thread-safe: one thread records while another reads the line.
 */
final class QuoteTally {
    private final Map<QuoteStatus, Long> byStatus = new EnumMap<>(QuoteStatus.class);
    private final Map<QuoteLabel, Map<FulfilmentMethod, Long>> winners =
            new EnumMap<>(QuoteLabel.class);
    private long responses;
    private long options;
    private long consolidations;

    synchronized void record(QuoteResponse r) {
        responses++;
        byStatus.merge(r.getStatus(), 1L, Long::sum);
        for (DeliveryOption o : r.getOptions()) {
            options++;
            if (o.getConsolidation() != null) {
                consolidations++;
            }
            for (QuoteLabel label : o.getLabels()) {
                winners.computeIfAbsent(label, l -> new EnumMap<>(FulfilmentMethod.class))
                        .merge(o.getMethod(), 1L, Long::sum);
            }
        }
    }

    synchronized long responses() {
        return responses;
    }

    /**
     * E.g. {@code quotes 1,204: ok 1,100 unavailable 80 error 24 | 4.1 options/quote | lowest
     * carbon BOPIS 61% | fastest SAME_DAY 40% | cheapest BOPIS 70% | 12 consolidations}.
     */
    synchronized String line() {
        long ok = byStatus.getOrDefault(QuoteStatus.OK, 0L);
        StringBuilder s =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "quotes answered %,d: ok %,d unavailable %,d error %,d | %.1f"
                                        + " options/quote",
                                responses,
                                ok,
                                byStatus.getOrDefault(QuoteStatus.UNAVAILABLE, 0L),
                                byStatus.getOrDefault(QuoteStatus.ERROR, 0L),
                                ok == 0 ? 0.0 : (double) options / ok));
        for (QuoteLabel label :
                new QuoteLabel[] {
                    QuoteLabel.LOWEST_CARBON, QuoteLabel.FASTEST, QuoteLabel.CHEAPEST
                }) {
            Map<FulfilmentMethod, Long> byMethod = winners.get(label);
            if (byMethod == null || byMethod.isEmpty()) {
                continue;
            }
            long total = byMethod.values().stream().mapToLong(Long::longValue).sum();
            Map.Entry<FulfilmentMethod, Long> top =
                    byMethod.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            s.append(
                    String.format(
                            Locale.ROOT,
                            " | %s %s %.0f%%",
                            label.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                            top.getKey(),
                            100.0 * top.getValue() / total));
        }
        s.append(String.format(Locale.ROOT, " | %,d consolidations", consolidations));
        return s.toString();
    }
}

package io.omnistock.demo.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Escaping and value formatting shared by the parts of the report, all in {@link Locale#ROOT}. */
final class HtmlText {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private HtmlText() {}

    /** Escapes text for HTML element content and quoted attribute values. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Machine-readable: the shortest decimal that reads back as the same double. */
    static String number(Number n) {
        if (n instanceof Double d) {
            return Double.toString(d);
        }
        return n.toString();
    }

    /** {@code 2026-03-02 10:00}, in UTC. */
    static String time(Instant t) {
        return TIME.format(t);
    }

    /** With thousands separators: {@code 12,345}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 1,234.5 kg} with {@code decimals} decimals, or {@code n/a} for null. */
    static String kg(Double v, int decimals) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f kg", v);
    }

    /** A share as a percentage with one decimal ({@code 0.125 -> 12.5%}), or {@code n/a}. */
    static String pct(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}

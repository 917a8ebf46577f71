package io.omnistock.domain.carbon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The versioned carbon factor table (docs/design.md section 6): CO2e of a leg = travel distance x
 * weight x factor, travel distance = great-circle distance x the mode's circuity factor.
 */
public final class CarbonFactorTable implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The table shipped with the engine, on the classpath. */
    public static final String DEFAULT_RESOURCE = "/carbon/carbon-factors.csv";

    private static final String HEADER =
            "mode,factor,unit,scope,year,source,distance_basis,circuity,circuity_source";

    private final String version;
    private final Map<FreightMode, CarbonFactor> rows;

    private CarbonFactorTable(String version, Map<FreightMode, CarbonFactor> rows) {
        this.version = version;
        this.rows = rows;
    }

    /** The table shipped with the engine. */
    public static CarbonFactorTable loadDefault() {
        try (InputStream in = CarbonFactorTable.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + DEFAULT_RESOURCE);
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a table: '#' lines are comments, one of them {@code # version: X}; then the header
     * {@value #HEADER}; then one row per mode. Fields are comma-separated; a field holding a comma
     * is double-quoted. Every mode must appear exactly once, and all rows must share one scope.
     */
    public static CarbonFactorTable parse(Reader csv) throws IOException {
        String version = "unversioned";
        Map<FreightMode, CarbonFactor> rows = new EnumMap<>(FreightMode.class);
        boolean headerSeen = false;
        BufferedReader reader = new BufferedReader(csv);
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                String comment = trimmed.substring(1).strip();
                if (comment.startsWith("version:")) {
                    version = comment.substring("version:".length()).strip();
                }
                continue;
            }
            if (!headerSeen) {
                if (!trimmed.equals(HEADER)) {
                    throw new IllegalArgumentException("expected header " + HEADER);
                }
                headerSeen = true;
                continue;
            }
            CarbonFactor row = row(fields(trimmed));
            if (rows.put(row.mode(), row) != null) {
                throw new IllegalArgumentException("mode " + row.mode() + " appears twice");
            }
        }
        if (rows.size() != FreightMode.values().length) {
            throw new IllegalArgumentException(
                    "the table must list every mode once: " + rows.keySet());
        }
        if (rows.values().stream().map(CarbonFactor::scope).distinct().count() != 1) {
            throw new IllegalArgumentException("the table mixes scopes (WTW and TTW)");
        }
        return new CarbonFactorTable(version, rows);
    }

    private static CarbonFactor row(List<String> f) {
        if (f.size() != 9) {
            throw new IllegalArgumentException("expected 9 fields, got " + f.size() + ": " + f);
        }
        return new CarbonFactor(
                FreightMode.valueOf(f.get(0)),
                Double.parseDouble(f.get(1)),
                f.get(2),
                f.get(3),
                Integer.parseInt(f.get(4)),
                f.get(5),
                f.get(6),
                Double.parseDouble(f.get(7)),
                f.get(8));
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>(9);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().strip());
        return fields;
    }

    public String version() {
        return version;
    }

    public CarbonFactor factor(FreightMode mode) {
        return rows.get(mode);
    }

    /** Travel distance for a great-circle distance: times the mode's circuity factor. */
    public double travelKm(FreightMode mode, double greatCircleKm) {
        return greatCircleKm * rows.get(mode).circuity();
    }

    /** kg CO2e of moving {@code weightKg} over a leg of the given great-circle distance. */
    public double legKg(FreightMode mode, double greatCircleKm, double weightKg) {
        return travelKm(mode, greatCircleKm) * (weightKg / 1000.0) * rows.get(mode).factor();
    }

    /** kg CO2e of delivering one parcel over the last mile. */
    public double parcelKg() {
        return rows.get(FreightMode.LAST_MILE_PARCEL).factor();
    }
}

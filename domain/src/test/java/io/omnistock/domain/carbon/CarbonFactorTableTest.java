package io.omnistock.domain.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped carbon factor table (resources/carbon/carbon-factors.csv) and its parser. The literal
 * numbers below are copied from the CSV rows (and their cited DESNZ 2025 TTW + WTT parts), so a
 * change to the table must be mirrored here on purpose.
 */
class CarbonFactorTableTest {
    private static final String HEADER =
            "mode,factor,unit,scope,year,source,distance_basis,circuity,circuity_source";

    private final CarbonFactorTable table = CarbonFactorTable.loadDefault();

    // ---- the default table --------------------------------------------------------------------

    @Test
    void defaultTableIsVersionedAndListsEveryModeOnceWithOneScope() {
        assertThat(table.version()).isEqualTo("2025.1");

        Set<String> scopes =
                Arrays.stream(FreightMode.values())
                        .map(m -> table.factor(m).scope())
                        .collect(Collectors.toSet());
        assertThat(scopes).containsExactly("WTW");

        for (FreightMode mode : FreightMode.values()) {
            CarbonFactor f = table.factor(mode);
            assertThat(f).as("row for %s", mode).isNotNull();
            assertThat(f.mode()).isEqualTo(mode);
            assertThat(f.source()).as("source of %s", mode).isNotBlank();
            assertThat(f.circuitySource()).as("circuity source of %s", mode).isNotBlank();
            assertThat(f.unit()).as("unit of %s", mode).isNotBlank();
            assertThat(f.distanceBasis()).as("distance basis of %s", mode).isNotBlank();
            assertThat(f.year()).as("year of %s", mode).isEqualTo(2025);
            assertThat(f.factor()).as("factor of %s", mode).isGreaterThanOrEqualTo(0.0);
            assertThat(f.circuity()).as("circuity of %s", mode).isGreaterThanOrEqualTo(1.0);
        }
        assertThat(table.factor(FreightMode.LAST_MILE_PARCEL).unit()).contains("per parcel");
        assertThat(table.factor(FreightMode.STORE_PICKUP).factor()).isZero();
    }

    @Test
    void everyWtwFactorIsTheSumOfItsCitedDesnzTtwAndWttRows() {
        // TTW ('Freighting goods') + WTT ('WTT- delivery vehs & freight'), DESNZ 2025, kg CO2e per
        // tonne.km
        assertThat(factor(FreightMode.VAN)).isCloseTo(0.6313 + 0.15095, within(1e-9));
        assertThat(factor(FreightMode.TRUCK_LTL)).isCloseTo(0.10163 + 0.02359, within(1e-9));
        assertThat(factor(FreightMode.TRUCK_FTL)).isCloseTo(0.07703 + 0.01799, within(1e-9));
        assertThat(factor(FreightMode.RAIL)).isCloseTo(0.02779 + 0.00691, within(1e-9));
        assertThat(factor(FreightMode.AIR)).isCloseTo(0.75539 + 0.20515, within(1e-9));
        // per parcel: (van TTW 0.25561 + WTT 0.06128 kg CO2e per km) x 1.609344 km per drop
        assertThat(table.parcelKg()).isCloseTo((0.25561 + 0.06128) * 1.609344, within(1e-5));
    }

    // ---- CO2e of shipments, recomputed by hand from the CSV row values ------------------------

    @Test
    void parcelGroundIsTruckLtlLegPlusOneLastMileParcel() {
        // 120 km great-circle x 1.2 circuity = 144 km; 4.5 kg = 0.0045 t; 0.12522 kg CO2e per t.km
        assertThat(table.travelKm(FreightMode.TRUCK_LTL, 120.0))
                .isCloseTo(144.0, withinPercentage(0.1));
        double leg = table.legKg(FreightMode.TRUCK_LTL, 120.0, 4.5);
        assertThat(leg)
                .isCloseTo(120 * 1.2 * 0.0045 * 0.12522, withinPercentage(0.1)); // 0.08114256
        assertThat(leg).isCloseTo(0.08114256, withinPercentage(0.1));
        // + one parcel 0.50999 kg CO2e
        assertThat(leg + table.parcelKg()).isCloseTo(0.59113256, withinPercentage(0.1));
    }

    @Test
    void parcelAirIsAirLegPlusOneLastMileParcel() {
        // 800 km great-circle x 1.08 (DESNZ +8%) = 864 km; 2 kg = 0.002 t; 0.96054 kg CO2e per t.km
        assertThat(table.travelKm(FreightMode.AIR, 800.0)).isCloseTo(864.0, withinPercentage(0.1));
        double leg = table.legKg(FreightMode.AIR, 800.0, 2.0);
        assertThat(leg)
                .isCloseTo(800 * 1.08 * 0.002 * 0.96054, withinPercentage(0.1)); // 1.65981312
        assertThat(leg).isCloseTo(1.65981312, withinPercentage(0.1));
        assertThat(leg + table.parcelKg()).isCloseTo(2.16980312, withinPercentage(0.1));
    }

    @Test
    void courierVanIsOneVanLeg() {
        // 15 km x 1.2 = 18 km; 3 kg = 0.003 t; 0.78225 kg CO2e per t.km
        assertThat(table.travelKm(FreightMode.VAN, 15.0)).isCloseTo(18.0, withinPercentage(0.1));
        assertThat(table.legKg(FreightMode.VAN, 15.0, 3.0))
                .isCloseTo(15 * 1.2 * 0.003 * 0.78225, withinPercentage(0.1)) // 0.0422415
                .isCloseTo(0.0422415, withinPercentage(0.1));
    }

    @Test
    void replenishmentLegsByFullTruckAndRail() {
        // FTL: 350 km x 1.2 = 420 km; 12 t; 0.09502 -> 478.9008 kg
        assertThat(table.travelKm(FreightMode.TRUCK_FTL, 350.0))
                .isCloseTo(420.0, withinPercentage(0.1));
        assertThat(table.legKg(FreightMode.TRUCK_FTL, 350.0, 12_000.0))
                .isCloseTo(478.9008, withinPercentage(0.1));
        // rail: 500 km x 1.2 = 600 km; 20 t; 0.03470 -> 416.4 kg
        assertThat(table.travelKm(FreightMode.RAIL, 500.0)).isCloseTo(600.0, withinPercentage(0.1));
        assertThat(table.legKg(FreightMode.RAIL, 500.0, 20_000.0))
                .isCloseTo(416.4, withinPercentage(0.1));
    }

    @Test
    void lastMileParcelIsAFixedAmountPerParcel() {
        // 0.31689 kg CO2e per van-km x 1.609344 km per drop = 0.509985 -> 0.50999
        assertThat(table.parcelKg()).isCloseTo(0.50999, withinPercentage(0.1));
        assertThat(table.factor(FreightMode.LAST_MILE_PARCEL).circuity()).isEqualTo(1.0);
    }

    @Test
    void storePickupEmitsNothingWhateverTheDistanceOrWeight() {
        assertThat(table.legKg(FreightMode.STORE_PICKUP, 0.0, 4.5)).isZero();
        assertThat(table.legKg(FreightMode.STORE_PICKUP, 250.0, 30_000.0)).isZero();
    }

    // ---- the parser refuses broken tables ------------------------------------------------------

    @Test
    void aMinimalWellFormedTableParses() throws IOException {
        CarbonFactorTable t = CarbonFactorTable.parse(new StringReader(tableOf(allModes(), "WTW")));
        assertThat(t.version()).isEqualTo("test.1");
        assertThat(t.factor(FreightMode.RAIL).factor()).isEqualTo(0.5);
        assertThat(t.factor(FreightMode.RAIL).source()).isEqualTo("a source, with a comma");
    }

    @Test
    void refusesATableThatMixesWtwAndTtw() {
        String csv = tableOf(allModes(), "WTW").replace("AIR,0.5,u,WTW", "AIR,0.5,u,TTW");
        assertThat(csv).contains("AIR,0.5,u,TTW");
        assertThatThrownBy(() -> CarbonFactorTable.parse(new StringReader(csv)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mixes scopes");
    }

    @Test
    void refusesTheShippedTableWithOneRowSwitchedToTtw() throws IOException {
        String shipped = shippedCsv();
        String mixed =
                shipped.replaceFirst(
                        "\nRAIL,0.03470,kg CO2e per tonne.km,WTW,",
                        "\nRAIL,0.03470,kg CO2e per tonne.km,TTW,");
        assertThat(mixed).isNotEqualTo(shipped);
        assertThatThrownBy(() -> CarbonFactorTable.parse(new StringReader(mixed)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mixes scopes");
    }

    @Test
    void refusesATableThatListsAModeTwice() {
        String csv = tableOf(allModes(), "WTW") + row(FreightMode.VAN, "WTW");
        assertThatThrownBy(() -> CarbonFactorTable.parse(new StringReader(csv)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VAN")
                .hasMessageContaining("twice");
    }

    @Test
    void refusesATableThatMissesAMode() {
        EnumSet<FreightMode> modes = allModes();
        modes.remove(FreightMode.LAST_MILE_PARCEL);
        String csv = tableOf(modes, "WTW");
        assertThatThrownBy(() -> CarbonFactorTable.parse(new StringReader(csv)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every mode");
    }

    @Test
    void refusesATableWithAWrongHeader() {
        String csv = tableOf(allModes(), "WTW").replace(HEADER, "mode,factor,unit,scope");
        assertThatThrownBy(() -> CarbonFactorTable.parse(new StringReader(csv)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("header");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private double factor(FreightMode mode) {
        return table.factor(mode).factor();
    }

    private static EnumSet<FreightMode> allModes() {
        return EnumSet.allOf(FreightMode.class);
    }

    private static String tableOf(Set<FreightMode> modes, String scope) {
        StringBuilder csv =
                new StringBuilder("# a test table\n# version: test.1\n")
                        .append(HEADER)
                        .append('\n');
        for (FreightMode mode : modes) {
            csv.append(row(mode, scope));
        }
        return csv.toString();
    }

    private static String row(FreightMode mode, String scope) {
        return mode
                + ",0.5,u,"
                + scope
                + ",2025,\"a source, with a comma\",gc km,1.2,a circuity source\n";
    }

    private static String shippedCsv() throws IOException {
        try (InputStream in =
                CarbonFactorTable.class.getResourceAsStream(CarbonFactorTable.DEFAULT_RESOURCE)) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

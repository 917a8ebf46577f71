package io.omnistock.domain.planning;

import static io.omnistock.domain.planning.RoutingFixtures.closeTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeoPointTest {

    @Test
    void aPointIsNowhereFromItself() {
        GeoPoint london = new GeoPoint(51.5074, -0.1278);

        assertThat(london.greatCircleKm(london)).isZero();
    }

    @Test
    void oneDegreeAlongAMeridianIsTheRadiusTimesPiOver180() {
        double expected = 6371.0 * Math.PI / 180.0;

        assertThat(new GeoPoint(10, 20).greatCircleKm(new GeoPoint(11, 20)))
                .isCloseTo(expected, closeTo(expected));
    }

    @Test
    void aQuarterOfTheEquatorIsAQuarterOfTheCircumference() {
        double expected = 6371.0 * Math.PI / 2;

        assertThat(new GeoPoint(0, 0).greatCircleKm(new GeoPoint(0, 90)))
                .isCloseTo(expected, closeTo(expected));
    }

    @Test
    void londonToParisIsAbout344KmAndSymmetric() {
        GeoPoint london = new GeoPoint(51.5074, -0.1278);
        GeoPoint paris = new GeoPoint(48.8566, 2.3522);

        assertThat(london.greatCircleKm(paris)).isCloseTo(343.6, within(0.5));
        assertThat(paris.greatCircleKm(london)).isEqualTo(london.greatCircleKm(paris));
    }

    @Test
    void coordinatesOffTheGlobeAreRefused() {
        assertThatThrownBy(() -> new GeoPoint(91, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeoPoint(0, -181))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeoPoint(Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

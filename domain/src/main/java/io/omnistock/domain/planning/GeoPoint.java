package io.omnistock.domain.planning;

import java.io.Serializable;

/** A place on Earth in decimal degrees (WGS84 latitude and longitude). */
public record GeoPoint(double latitude, double longitude) implements Serializable {

    /** Mean Earth radius used for every great-circle distance, in km. */
    public static final double EARTH_RADIUS_KM = 6371.0;

    public GeoPoint {
        if (!isOnGlobe(latitude, longitude)) {
            throw new IllegalArgumentException("off the globe: " + latitude + "," + longitude);
        }
    }

    /** Whether latitude and longitude are in range (false for NaN). */
    public static boolean isOnGlobe(double latitude, double longitude) {
        return latitude >= -90.0 && latitude <= 90.0 && longitude >= -180.0 && longitude <= 180.0;
    }

    /** Great-circle distance in km by the haversine formula on a sphere of radius 6371 km. */
    public double greatCircleKm(GeoPoint other) {
        double phi1 = Math.toRadians(latitude);
        double phi2 = Math.toRadians(other.latitude);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(other.longitude - longitude);
        double sinHalfPhi = Math.sin(dPhi / 2);
        double sinHalfLambda = Math.sin(dLambda / 2);
        double a =
                sinHalfPhi * sinHalfPhi
                        + Math.cos(phi1) * Math.cos(phi2) * sinHalfLambda * sinHalfLambda;
        return 2 * EARTH_RADIUS_KM * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }
}

package io.omnistock.generator;

/** A real place a node can stand: city, coordinates, sales region, postcode and time zone. */
record Site(
        String city,
        double latitude,
        double longitude,
        String region,
        String postalCode,
        String timezone) {

    private static final double EARTH_RADIUS_KM = 6371.0;

    /** Great-circle (haversine) distance in kilometres. */
    double distanceKm(Site other) {
        double lat1 = Math.toRadians(latitude);
        double lat2 = Math.toRadians(other.latitude);
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(other.longitude - longitude);
        double h =
                Math.sin(dLat / 2) * Math.sin(dLat / 2)
                        + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** The same site moved by a few hundred metres, for a second node in one city. */
    Site nudged(int copy) {
        double step = 0.01 * copy;
        return new Site(city, latitude + step, longitude - step, region, postalCode, timezone);
    }
}

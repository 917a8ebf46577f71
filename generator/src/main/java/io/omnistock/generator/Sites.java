package io.omnistock.generator;

import java.util.List;

/**
 * The UK and US places the generated network is built from, per node type. Orders take the region
 * of their store's site, so every other site (DC, 3PL, dark store) lies in a region some store site
 * has: a region whose only nodes are warehouses would show counts (inventory accuracy) but never an
 * order. A network with fewer stores than store sites leaves the later regions without stores, and
 * so without orders.
 */
final class Sites {
    private static final String LONDON = "Europe/London";
    private static final String NEW_YORK = "America/New_York";
    private static final String CHICAGO = "America/Chicago";
    private static final String DENVER = "America/Denver";
    private static final String PHOENIX = "America/Phoenix";
    private static final String LOS_ANGELES = "America/Los_Angeles";

    /** Store locations, alternating UK and US so that even a small network spans both. */
    static final List<Site> STORES =
            List.of(
                    new Site("London", 51.5074, -0.1278, "UK-LONDON", "EC1A 1BB", LONDON),
                    new Site("New York", 40.7128, -74.0060, "US-NORTHEAST", "10001", NEW_YORK),
                    new Site("Manchester", 53.4808, -2.2426, "UK-NORTH-WEST", "M1 1AE", LONDON),
                    new Site("Chicago", 41.8781, -87.6298, "US-MIDWEST", "60601", CHICAGO),
                    new Site("Birmingham", 52.4862, -1.8904, "UK-MIDLANDS", "B1 1BB", LONDON),
                    new Site("Los Angeles", 34.0522, -118.2437, "US-WEST", "90012", LOS_ANGELES),
                    new Site("Leeds", 53.8008, -1.5491, "UK-YORKSHIRE", "LS1 1UR", LONDON),
                    new Site("Boston", 42.3601, -71.0589, "US-NORTHEAST", "02108", NEW_YORK),
                    new Site("Glasgow", 55.8642, -4.2518, "UK-SCOTLAND", "G1 1XQ", LONDON),
                    new Site("Dallas", 32.7767, -96.7970, "US-SOUTH", "75201", CHICAGO),
                    new Site("Bristol", 51.4545, -2.5879, "UK-SOUTH-WEST", "BS1 4DJ", LONDON),
                    new Site("Atlanta", 33.7490, -84.3880, "US-SOUTHEAST", "30303", NEW_YORK),
                    new Site("Edinburgh", 55.9533, -3.1883, "UK-SCOTLAND", "EH1 1YZ", LONDON),
                    new Site("Seattle", 47.6062, -122.3321, "US-WEST", "98101", LOS_ANGELES),
                    new Site("Liverpool", 53.4084, -2.9916, "UK-NORTH-WEST", "L1 8JQ", LONDON),
                    new Site("Philadelphia", 39.9526, -75.1652, "US-NORTHEAST", "19107", NEW_YORK),
                    new Site("Newcastle", 54.9783, -1.6178, "UK-NORTH-EAST", "NE1 7RU", LONDON),
                    new Site("Houston", 29.7604, -95.3698, "US-SOUTH", "77002", CHICAGO),
                    new Site("Sheffield", 53.3811, -1.4701, "UK-YORKSHIRE", "S1 2HE", LONDON),
                    new Site("Denver", 39.7392, -104.9903, "US-MOUNTAIN", "80202", DENVER),
                    new Site("Nottingham", 52.9548, -1.1581, "UK-MIDLANDS", "NG1 5FS", LONDON),
                    new Site("Miami", 25.7617, -80.1918, "US-SOUTHEAST", "33130", NEW_YORK),
                    new Site("Cardiff", 51.4816, -3.1791, "UK-WALES", "CF10 1EP", LONDON),
                    new Site("Phoenix", 33.4484, -112.0740, "US-MOUNTAIN", "85004", PHOENIX),
                    new Site("Southampton", 50.9097, -1.4044, "UK-SOUTH", "SO14 7DU", LONDON),
                    new Site("San Francisco", 37.7749, -122.4194, "US-WEST", "94103", LOS_ANGELES),
                    new Site("Brighton", 50.8225, -0.1372, "UK-SOUTH", "BN1 1AE", LONDON),
                    new Site("Minneapolis", 44.9778, -93.2650, "US-MIDWEST", "55401", CHICAGO),
                    new Site("Cambridge", 52.2053, 0.1218, "UK-EAST", "CB2 3QJ", LONDON),
                    new Site("Washington", 38.9072, -77.0369, "US-NORTHEAST", "20001", NEW_YORK),
                    new Site("Oxford", 51.7520, -1.2577, "UK-SOUTH", "OX1 1DP", LONDON),
                    new Site("Portland", 45.5152, -122.6784, "US-WEST", "97204", LOS_ANGELES),
                    new Site("Leicester", 52.6369, -1.1398, "UK-MIDLANDS", "LE1 5WW", LONDON),
                    new Site("Detroit", 42.3314, -83.0458, "US-MIDWEST", "48226", NEW_YORK),
                    new Site("Belfast", 54.5973, -5.9301, "UK-NORTHERN-IRELAND", "BT1 5GS", LONDON),
                    new Site("San Diego", 32.7157, -117.1611, "US-WEST", "92101", LOS_ANGELES),
                    new Site("Norwich", 52.6309, 1.2974, "UK-EAST", "NR2 1TF", LONDON),
                    new Site("Charlotte", 35.2271, -80.8431, "US-SOUTHEAST", "28202", NEW_YORK),
                    new Site("Reading", 51.4543, -0.9781, "UK-SOUTH", "RG1 1JX", LONDON),
                    new Site("Columbus", 39.9612, -82.9988, "US-MIDWEST", "43215", NEW_YORK),
                    new Site("York", 53.9600, -1.0873, "UK-YORKSHIRE", "YO1 7HH", LONDON),
                    new Site("Austin", 30.2672, -97.7431, "US-SOUTH", "78701", CHICAGO),
                    new Site("Aberdeen", 57.1497, -2.0943, "UK-SCOTLAND", "AB10 1HW", LONDON),
                    new Site("Nashville", 36.1627, -86.7816, "US-SOUTHEAST", "37203", CHICAGO),
                    new Site("Plymouth", 50.3755, -4.1427, "UK-SOUTH-WEST", "PL1 1EA", LONDON),
                    new Site("Salt Lake City", 40.7608, -111.8910, "US-MOUNTAIN", "84101", DENVER));

    /** Distribution-centre locations (UK golden triangle, US logistics hubs). */
    static final List<Site> DCS =
            List.of(
                    new Site("Daventry", 52.2565, -1.1626, "UK-MIDLANDS", "NN11 8RB", LONDON),
                    new Site("Allentown", 40.6023, -75.4714, "US-NORTHEAST", "18101", NEW_YORK),
                    new Site("Memphis", 35.1495, -90.0490, "US-SOUTH", "38118", CHICAGO),
                    new Site("Reno", 39.5296, -119.8138, "US-WEST", "89502", LOS_ANGELES),
                    new Site("Doncaster", 53.5228, -1.1285, "UK-YORKSHIRE", "DN4 5NU", LONDON),
                    new Site("Dallas", 32.8998, -97.0403, "US-SOUTH", "75261", CHICAGO));

    /** Third-party logistics warehouse locations. */
    static final List<Site> THREE_PLS =
            List.of(
                    new Site("Milton Keynes", 52.0406, -0.7594, "UK-SOUTH", "MK9 1AA", LONDON),
                    new Site("Louisville", 38.2527, -85.7585, "US-SOUTH", "40202", NEW_YORK),
                    new Site("Indianapolis", 39.7684, -86.1581, "US-MIDWEST", "46204", NEW_YORK),
                    new Site("Avonmouth", 51.5060, -2.6990, "UK-SOUTH-WEST", "BS11 9YA", LONDON));

    /** Dark-store (quick-commerce) locations in dense city centres. */
    static final List<Site> DARK_STORES =
            List.of(
                    new Site("Hackney", 51.5450, -0.0553, "UK-LONDON", "E8 1DY", LONDON),
                    new Site("Brooklyn", 40.6782, -73.9442, "US-NORTHEAST", "11216", NEW_YORK),
                    new Site("Ancoats", 53.4840, -2.2250, "UK-NORTH-WEST", "M4 6BF", LONDON),
                    new Site("SoMa", 37.7785, -122.4056, "US-WEST", "94107", LOS_ANGELES));

    private Sites() {}
}

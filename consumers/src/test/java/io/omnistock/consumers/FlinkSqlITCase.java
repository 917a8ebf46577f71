package io.omnistock.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.omnistock.avro.Availability;
import io.omnistock.avro.SustainabilityMetrics;
import io.omnistock.consumers.sql.TableDefinitions;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import io.omnistock.demo.report.MetricsSeries;
import io.omnistock.demo.report.MetricsTotals;
import io.omnistock.demo.report.MetricsWindow;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flink SQL (batch, bounded at the topics' current end) on the MiniCluster against the real broker,
 * over tables defined by {@link TableDefinitions} with the {@code omnistock-avro} format: every
 * output topic decodes, the latest availability per key is the highest version's, and CO2e per
 * order per day from {@code metrics.sustainability} equals what the report computes ({@link
 * MetricsSeries}, {@link MetricsTotals}) from the same records.
 */
class FlinkSqlITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final Instant DAY_1 = Instant.parse("2026-12-01T00:00:00Z");
    private static final int SAMPLES_PER_TOPIC = 3;

    private static final List<SustainabilityMetrics> SUSTAINABILITY = new ArrayList<>();

    @BeforeAll
    static void writeRecords() {
        // the two topics the queries work on have their keys spread over two partitions; the
        // others, read only to see that they decode, one (fewer splits to start)
        List<TopicSpec<?>> queried = List.of(Topics.AVAILABILITY, Topics.METRICS_SUSTAINABILITY);
        KAFKA.createTopics(queried, 2);
        KAFKA.createTopics(
                TableDefinitions.outputTopics().stream().filter(t -> !queried.contains(t)).toList(),
                1);
        try (KafkaTestClient kafka = new KafkaTestClient(KAFKA.bootstrapServers())) {
            // stamped now: the time-retained topics would delete records stamped long ago
            long ts = System.currentTimeMillis();
            for (TopicSpec<?> topic : TableDefinitions.outputTopics()) {
                if (topic != Topics.AVAILABILITY && topic != Topics.METRICS_SUSTAINABILITY) {
                    for (int seed = 0; seed < SAMPLES_PER_TOPIC; seed++) {
                        sendSample(kafka, topic, seed, ts++);
                    }
                }
            }
            ts = writeAvailability(kafka, ts);
            writeSustainability(kafka, ts);
        }
    }

    @Test
    void everyOutputTopicDecodesWithItsTableDefinition() throws Exception {
        TableEnvironment sql = tables();
        String union =
                TableDefinitions.outputTopics().stream()
                        .map(
                                t ->
                                        "SELECT CAST('"
                                                + t.name()
                                                + "' AS STRING) AS topic, eventId FROM "
                                                + TableDefinitions.tableName(t))
                        .collect(Collectors.joining(" UNION ALL "));
        Map<String, Integer> rows = new TreeMap<>();
        for (Row row : collect(sql, union)) {
            rows.merge((String) row.getField(0), 1, Integer::sum);
        }
        assertThat(rows)
                .containsOnlyKeys(
                        TableDefinitions.outputTopics().stream().map(TopicSpec::name).toList());
        assertThat(rows.get(Topics.DEADLETTER.name())).isEqualTo(SAMPLES_PER_TOPIC);
        assertThat(rows.get(Topics.DECISIONS.name())).isEqualTo(SAMPLES_PER_TOPIC);
    }

    @Test
    void theLatestAvailabilityPerKeyIsTheHighestVersion() throws Exception {
        List<Row> latest =
                collect(
                        tables(),
                        "SELECT kafka_key, version, atp, nodeType, eventTime FROM ("
                                + " SELECT *, ROW_NUMBER() OVER ("
                                + "  PARTITION BY kafka_key ORDER BY version DESC) AS rn"
                                + " FROM inventory_availability) WHERE rn = 1");
        Map<String, Long> atpByKey = new HashMap<>();
        Map<String, Long> versionByKey = new HashMap<>();
        for (Row row : latest) {
            atpByKey.put((String) row.getField(0), (Long) row.getField(2));
            versionByKey.put((String) row.getField(0), (Long) row.getField(1));
        }
        assertThat(versionByKey)
                .containsOnly(
                        Map.entry("SKU-1|STORE-1", 7L),
                        Map.entry("SKU-1|DC-1", (1L << 32) | 1),
                        Map.entry("SKU-2|STORE-1", 1L));
        assertThat(atpByKey)
                .containsOnly(
                        Map.entry("SKU-1|STORE-1", 7L),
                        Map.entry("SKU-1|DC-1", 11L),
                        Map.entry("SKU-2|STORE-1", 3L));
    }

    @Test
    void co2ePerOrderPerDayIsWhatTheReportComputes() throws Exception {
        List<Row> rows =
                collect(
                        tables(),
                        "SELECT CAST(windowStart AS DATE) AS `day`,"
                                + " CASE WHEN SUM(orders) = 0 THEN CAST(NULL AS DOUBLE)"
                                + "  ELSE SUM(co2eKg) / SUM(orders) END AS co2ePerOrderKg"
                                + " FROM ("
                                + "  SELECT *, ROW_NUMBER() OVER ("
                                + "   PARTITION BY kafka_key ORDER BY revision DESC) AS rn"
                                + "  FROM metrics_sustainability"
                                + "  WHERE `window` = '1h' AND region = 'ALL' AND channel = 'ALL')"
                                + " WHERE rn = 1 GROUP BY CAST(windowStart AS DATE)");
        Map<LocalDate, Double> bySql = new TreeMap<>();
        for (Row row : rows) {
            bySql.put((LocalDate) row.getField(0), (Double) row.getField(1));
        }

        Map<LocalDate, Double> byReport = reportCo2ePerOrderPerDay();
        assertThat(byReport).hasSize(2);
        assertThat(bySql).containsOnlyKeys(byReport.keySet());
        byReport.forEach(
                (day, kg) ->
                        assertThat(bySql.get(day)).as(day.toString()).isCloseTo(kg, within(1e-9)));
    }

    @Test
    void aColumnOfTheWrongTypeOrNameIsRefusedWithTheFieldsItMayHave() {
        TableEnvironment sql = tables();
        String with =
                " WITH ('connector' = 'kafka', 'topic' = 'inventory.availability',"
                        + " 'properties.bootstrap.servers' = '"
                        + KAFKA.bootstrapServers()
                        + "', 'scan.bounded.mode' = 'latest-offset',"
                        + " 'scan.startup.mode' = 'earliest-offset',"
                        + " 'format' = 'omnistock-avro',"
                        + " 'omnistock-avro.topic' = 'inventory.availability')";
        sql.executeSql("CREATE TABLE wrong_type (sku STRING, atp INT)" + with);
        sql.executeSql("CREATE TABLE wrong_name (sku STRING, available BIGINT)" + with);

        assertThatThrownBy(() -> sql.executeSql("SELECT * FROM wrong_type"))
                .hasStackTraceContaining("column `atp` of inventory.availability must be BIGINT");
        assertThatThrownBy(() -> sql.executeSql("SELECT * FROM wrong_name"))
                .hasStackTraceContaining("column `available` is not a field of Availability")
                .hasStackTraceContaining("onHand");
    }

    /** The report's rule: highest revision per window, then Σ kg CO2e / Σ orders over the day. */
    private static Map<LocalDate, Double> reportCo2ePerOrderPerDay() {
        MetricsSeries series = MetricsSeries.of(MetricsSeries.HOUR);
        SUSTAINABILITY.forEach(series::add);
        Map<LocalDate, List<MetricsWindow>> byDay = new TreeMap<>();
        for (MetricsWindow w : series.select(MetricsSeries.Selection.DEFAULT)) {
            byDay.computeIfAbsent(
                            LocalDate.ofInstant(w.start(), ZoneOffset.UTC), d -> new ArrayList<>())
                    .add(w);
        }
        Map<LocalDate, Double> perDay = new TreeMap<>();
        byDay.forEach(
                (day, windows) -> perDay.put(day, MetricsTotals.of(windows).co2ePerOrderKg()));
        return perDay;
    }

    private static long writeAvailability(KafkaTestClient kafka, long ts) {
        List<Availability> records =
                List.of(
                        AvailabilityConsumerITCase.availability("SKU-1", "STORE-1", 7, 7),
                        AvailabilityConsumerITCase.availability("SKU-1", "STORE-1", 3, 99),
                        AvailabilityConsumerITCase.availability("SKU-1", "DC-1", 40, 40),
                        AvailabilityConsumerITCase.availability(
                                "SKU-1", "DC-1", (1L << 32) | 1, 11),
                        AvailabilityConsumerITCase.availability("SKU-2", "STORE-1", 1, 3));
        for (Availability a : records) {
            kafka.send(Topics.AVAILABILITY, Topics.positionKey(a.getSku(), a.getNodeId()), a, ts++);
        }
        return ts;
    }

    /**
     * Two days of hourly windows for ALL|ALL and for one region, 1-minute windows, and revisions
     * that replace a window's figures (one of them written before the revision it replaces).
     */
    private static void writeSustainability(KafkaTestClient kafka, long ts) {
        int seed = 0;
        for (int hour = 0; hour < 48; hour += 5) {
            Instant start = DAY_1.plusSeconds(hour * 3600L);
            SUSTAINABILITY.add(
                    metrics("1h", "ALL", "ALL", start, 0, 10 + hour, 7.5 + hour, seed++));
            SUSTAINABILITY.add(metrics("1h", "UK-LONDON", "WEB", start, 0, 3, 100.0, seed++));
            SUSTAINABILITY.add(metrics("1m", "ALL", "ALL", start, 0, 1, 50.0, seed++));
        }
        Instant revised = DAY_1.plusSeconds(5 * 3600L);
        SUSTAINABILITY.add(metrics("1h", "ALL", "ALL", revised, 2, 40, 90.0, seed++));
        SUSTAINABILITY.add(metrics("1h", "ALL", "ALL", revised, 1, 30, 1_000.0, seed++));
        Instant empty = DAY_1.plusSeconds(30 * 3600L);
        SUSTAINABILITY.add(metrics("1h", "ALL", "ALL", empty, 1, 0, 0.0, seed++));
        for (SustainabilityMetrics m : SUSTAINABILITY) {
            String key =
                    m.getWindow()
                            + '|'
                            + m.getRegion()
                            + '|'
                            + m.getChannel()
                            + '|'
                            + m.getWindowStart();
            kafka.send(Topics.METRICS_SUSTAINABILITY, key, m, ts++);
        }
    }

    private static SustainabilityMetrics metrics(
            String window,
            String region,
            String channel,
            Instant start,
            int revision,
            long orders,
            double co2eKg,
            int seed) {
        SustainabilityMetrics m = SampleRecords.of(SustainabilityMetrics.class, seed);
        m.setWindow(window);
        m.setRegion(region);
        m.setChannel(channel);
        m.setWindowStart(start);
        m.setWindowEnd(start.plusSeconds("1h".equals(window) ? 3600 : 60));
        m.setRevision(revision);
        m.setOrders(orders);
        m.setCo2eKg(co2eKg);
        return m;
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> void sendSample(
            KafkaTestClient kafka, TopicSpec<V> topic, int seed, long ts) {
        kafka.send(topic, "key-" + seed, SampleRecords.of(topic.valueType(), seed), ts);
    }

    private static TableEnvironment tables() {
        StreamTableEnvironment sql =
                StreamTableEnvironment.create(
                        FlinkMiniCluster.environment(), EnvironmentSettings.inBatchMode());
        // a few records per topic: one task per operator keeps a query over eleven sources quick
        sql.getConfig().set("table.exec.resource.default-parallelism", "1");
        for (TopicSpec<?> topic : TableDefinitions.outputTopics()) {
            sql.executeSql(
                    TableDefinitions.ddl(
                            topic,
                            KAFKA.bootstrapServers(),
                            "  'scan.bounded.mode' = 'latest-offset',\n"));
        }
        return sql;
    }

    private static List<Row> collect(TableEnvironment sql, String query) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = sql.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }
}

package io.omnistock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, checked against the build since no Docker engine runs here: the services,
 * image tags against the pom's Flink and Kafka versions, ./flink-conf reaching the Flink image's
 * config directory, the shaded job and generator jars' names, the catalog's topics and the start-up
 * order.
 */
class DockerComposeTest {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final String FLINK_CONF_DIR = "/opt/flink/conf";

    private static JsonNode services;
    private static Configuration flinkConf;

    @BeforeAll
    static void parse() throws IOException {
        JsonNode compose = new YAMLMapper().readTree(ROOT.resolve("docker-compose.yml").toFile());
        services = compose.path("services");
        flinkConf = GlobalConfiguration.loadConfiguration(ROOT.resolve("flink-conf").toString());
    }

    @Test
    void theStackHasKafkaAFlinkClusterTheTopicsAndTheSubmitter() {
        assertThat(fieldNames(services))
                .contains(
                        "kafka",
                        "topic-init",
                        "jobmanager",
                        "taskmanager",
                        "submitter",
                        "generator");
    }

    @Test
    void imagesArePinnedToTheVersionsTheBuildUses() {
        String flinkImage =
                "flink:" + buildProperty("omnistock.flink.version") + "-scala_2.12-java17";
        String kafkaImage = "apache/kafka:" + buildProperty("omnistock.kafka.version");

        assertThat(image("kafka")).isEqualTo(kafkaImage);
        assertThat(image("topic-init")).isEqualTo(kafkaImage);
        assertThat(image("jobmanager")).isEqualTo(flinkImage);
        assertThat(image("taskmanager")).isEqualTo(flinkImage);
        assertThat(image("submitter")).isEqualTo(flinkImage);
        assertThat(image("generator")).isEqualTo(flinkImage);
    }

    @Test
    void theFlinkProcessesRunOnFlinkConf() {
        for (String process : List.of("jobmanager", "taskmanager")) {
            // the image's entrypoint rewrites config.yaml, so flink-conf is mounted read-only and
            // copied into the image's config directory before the entrypoint starts the process
            Mount conf = mountOf(process, "./flink-conf");
            assertThat(conf.readOnly()).as(process).isTrue();
            String script = command(process);
            int copy = script.indexOf("cp " + conf.target() + "/* " + FLINK_CONF_DIR + "/");
            int start = script.indexOf("exec /docker-entrypoint.sh " + process);
            assertThat(copy)
                    .as(process + " copies flink-conf into " + FLINK_CONF_DIR)
                    .isNotNegative();
            assertThat(start).as(process + " starts after the copy").isGreaterThan(copy);
        }
        Mount submitterConf = mountOf("submitter", "./flink-conf");
        assertThat(submitterConf.target()).isEqualTo(FLINK_CONF_DIR);
        assertThat(submitterConf.readOnly()).isTrue();
    }

    @Test
    void checkpointsAndSavepointsAreOnAVolumeBothFlinkProcessesShare() {
        for (var option :
                List.of(
                        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                        CheckpointingOptions.SAVEPOINT_DIRECTORY)) {
            String dir = flinkConf.get(option).replaceFirst("^file://", "");
            Mount jobmanager = mountContaining("jobmanager", dir);
            Mount taskmanager = mountContaining("taskmanager", dir);
            assertThat(jobmanager.source()).as(option.key()).isEqualTo(taskmanager.source());
            assertThat(jobmanager.source()).as("a named volume").doesNotStartWith(".");
        }
    }

    @Test
    void kafkaKeepsItsDataOnAVolume() {
        String logDirs = services.path("kafka").path("environment").path("KAFKA_LOG_DIRS").asText();
        assertThat(logDirs).isNotBlank();
        assertThat(mountContaining("kafka", logDirs).source()).doesNotStartWith(".");
    }

    @Test
    void theSubmitterRunsTheShadedJobJarAgainstTheCluster() {
        Path jar = Path.of(buildProperty("omnistock.job.jar")).toAbsolutePath().normalize();
        Mount mount = mountOf("submitter", "./" + ROOT.relativize(jar.getParent()));
        assertThat(mount.readOnly()).isTrue();
        String pattern = jarPattern(command("submitter"), mount.target());
        assertThat(matches(pattern, jar.getFileName().toString()))
                .as(pattern + " finds " + jar.getFileName())
                .isTrue();

        String script = command("submitter");
        assertThat(script)
                .contains("engine_jar=$(ls " + mount.target() + "/" + pattern + ")")
                .contains("flink run -d -m jobmanager:8081 \"$engine_jar\"")
                .contains("--config " + FLINK_CONF_DIR + "/engine.properties")
                .contains("--kafka.bootstrap-servers kafka:9092")
                // not submitted twice when the stack is started again
                .contains(": " + EngineJob.JOB_NAME + " (");
        assertThat(ROOT.resolve("flink-conf/engine.properties")).isRegularFile();
    }

    @Test
    void noVersionOfTheBuildIsWrittenInTheComposeFile() throws IOException {
        String compose = java.nio.file.Files.readString(ROOT.resolve("docker-compose.yml"));
        assertThat(compose).doesNotContain(buildProperty("omnistock.version"));
    }

    @Test
    void theSubmitterAlsoRunsTheAnalyticsJobsShadedJar() throws Exception {
        // the analytics module's shade plugin names its jar artifactId-version-classifier.jar
        var pom =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(ROOT.resolve("jobs/analytics/pom.xml").toFile());
        var xpath = XPathFactory.newInstance().newXPath();
        String artifactId = xpath.evaluate("/project/artifactId", pom);
        String classifier = xpath.evaluate("/project/properties/job.jar.classifier", pom);
        String jar =
                artifactId + "-" + buildProperty("omnistock.version") + "-" + classifier + ".jar";

        Mount mount = mountOf("submitter", "./jobs/analytics/target");
        assertThat(mount.readOnly()).isTrue();
        String script = command("submitter");
        String pattern = jarPattern(script, mount.target());
        assertThat(matches(pattern, jar)).as(pattern + " finds " + jar).isTrue();
        assertThat(script)
                .contains("analytics_jar=$(ls " + mount.target() + "/" + pattern + ")")
                .contains("flink run -d -m jobmanager:8081 -p 1 \"$analytics_jar\"")
                .contains("--config " + FLINK_CONF_DIR + "/analytics.properties")
                .contains(": omnistock-analytics (");
        assertThat(script.indexOf(": omnistock-analytics ("))
                .as("the ledger job first: the analytics job reads its topics")
                .isGreaterThan(script.indexOf(": " + EngineJob.JOB_NAME + " ("));
        assertThat(ROOT.resolve("flink-conf/analytics.properties")).isRegularFile();
        // both jobs have slots: the ledger at the default parallelism, the analytics job at 1
        assertThat(
                        services.path("taskmanager")
                                .path("environment")
                                .path("TASK_MANAGER_NUMBER_OF_TASK_SLOTS")
                                .asInt())
                .isGreaterThanOrEqualTo(flinkConf.get(CoreOptions.DEFAULT_PARALLELISM) + 1);
    }

    @Test
    void theGeneratorRunsItsShadedJarAgainstTheStacksBroker() throws Exception {
        // the generator module's shade plugin names the jar artifactId-version-classifier.jar
        var pom =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(ROOT.resolve("generator/pom.xml").toFile());
        var xpath = XPathFactory.newInstance().newXPath();
        String artifactId = xpath.evaluate("/project/artifactId", pom);
        String classifier = xpath.evaluate("//shadedClassifierName", pom);
        String mainClass = xpath.evaluate("//transformer/mainClass", pom);
        String jar =
                artifactId + "-" + buildProperty("omnistock.version") + "-" + classifier + ".jar";

        Mount mount = mountOf("generator", "./generator/target");
        assertThat(mount.readOnly()).isTrue();
        List<String> entrypoint = new ArrayList<>();
        services.path("generator")
                .path("entrypoint")
                .forEach(e -> entrypoint.add(e.asText().replace("$$", "$")));
        assertThat(entrypoint.subList(0, 2)).containsExactly("/bin/bash", "-ec");
        String script = entrypoint.get(2);
        String pattern = jarPattern(script, mount.target());
        assertThat(matches(pattern, jar)).as(pattern + " finds " + jar).isTrue();
        assertThat(script)
                .startsWith("exec java ")
                .contains("-cp \"$(ls " + mount.target() + "/" + pattern + "):")
                // the service's command (or docker compose run's arguments) reach the main class
                .contains(mainClass + " \"$@\"");
        assertThat(command("generator")).contains("--bootstrap\nkafka:9092");
        // it publishes once the topics exist and the job reads them
        assertThat(dependsOn("generator"))
                .containsEntry("submitter", "service_completed_successfully");
    }

    @Test
    void topicInitCreatesEveryTopicOfTheCatalogWithItsSettings() {
        Map<String, String> created = new TreeMap<>();
        Pattern create = Pattern.compile("kafka-topics\\.sh .*--create .*--topic (\\S+)");
        for (String line : command("topic-init").split("\n")) {
            Matcher m = create.matcher(line.trim());
            if (m.find()) {
                assertThat(created.put(m.group(1), line))
                        .as("created twice: " + m.group(1))
                        .isNull();
            }
        }
        assertThat(created.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        Topics.all().stream().map(TopicSpec::name).toList());

        Set<Integer> partitionCounts = new HashSet<>();
        for (TopicSpec<?> topic : Topics.all()) {
            String line = created.get(topic.name());
            Matcher partitions = Pattern.compile("--partitions (\\d+)").matcher(line);
            assertThat(partitions.find()).as(topic.name()).isTrue();
            partitionCounts.add(Integer.parseInt(partitions.group(1)));
            if (topic.compacted()) {
                assertThat(line).as(topic.name()).contains("--config cleanup.policy=compact");
            } else {
                assertThat(line)
                        .as(topic.name())
                        .doesNotContain("cleanup.policy=compact")
                        .contains("--config retention.ms=" + TopicAdmin.RETENTION.toMillis());
            }
        }
        // one partition count for all (as TopicAdmin creates them), enough for every source
        // subtask of the default parallelism to read one
        assertThat(partitionCounts).hasSize(1);
        assertThat(partitionCounts.iterator().next())
                .isGreaterThanOrEqualTo(flinkConf.get(CoreOptions.DEFAULT_PARALLELISM));
    }

    @Test
    void servicesStartInOrder() {
        assertThat(dependsOn("topic-init")).containsEntry("kafka", "service_healthy");
        assertThat(dependsOn("taskmanager")).containsEntry("jobmanager", "service_healthy");
        assertThat(dependsOn("submitter"))
                .containsEntry("topic-init", "service_completed_successfully")
                .containsEntry("jobmanager", "service_healthy")
                .containsEntry("taskmanager", "service_healthy");
        for (String service : fieldNames(services)) {
            dependsOn(service)
                    .forEach(
                            (dependency, condition) -> {
                                if (condition.equals("service_healthy")) {
                                    assertThat(services.path(dependency).has("healthcheck"))
                                            .as(dependency + " has a healthcheck")
                                            .isTrue();
                                }
                            });
        }
    }

    /** The jar name pattern the script lists in {@code dir}: {@code ls <dir>/<pattern>}. */
    private static String jarPattern(String script, String dir) {
        Matcher m = Pattern.compile("ls " + Pattern.quote(dir) + "/(\\S+\\.jar)").matcher(script);
        assertThat(m.find()).as("the script lists a jar in " + dir).isTrue();
        return m.group(1);
    }

    /** Whether a shell glob with {@code *} only matches {@code name}. */
    private static boolean matches(String glob, String name) {
        String regex = Pattern.quote(glob).replace("*", "\\E.*\\Q");
        return name.matches(regex);
    }

    /** A volume of a service: short ({@code src:dst[:ro]}) or long syntax. */
    private record Mount(String source, String target, boolean readOnly) {
        static Mount of(JsonNode volume) {
            if (volume.isTextual()) {
                String[] parts = volume.asText().split(":");
                return new Mount(parts[0], parts[1], parts.length > 2 && parts[2].equals("ro"));
            }
            return new Mount(
                    volume.path("source").asText(),
                    volume.path("target").asText(),
                    volume.path("read_only").asBoolean(false));
        }
    }

    private static List<Mount> mounts(String service) {
        List<Mount> mounts = new ArrayList<>();
        services.path(service).path("volumes").forEach(v -> mounts.add(Mount.of(v)));
        return mounts;
    }

    private static Mount mountOf(String service, String source) {
        List<Mount> found =
                mounts(service).stream().filter(m -> m.source().equals(source)).toList();
        assertThat(found).as(service + " mounts " + source).hasSize(1);
        return found.get(0);
    }

    private static Mount mountContaining(String service, String path) {
        List<Mount> found =
                mounts(service).stream()
                        .filter(m -> path.equals(m.target()) || path.startsWith(m.target() + "/"))
                        .toList();
        assertThat(found).as(service + " mounts a volume holding " + path).hasSize(1);
        return found.get(0);
    }

    private static String image(String service) {
        return services.path(service).path("image").asText();
    }

    /**
     * The service's command, its list items joined by new lines, as compose passes it ({@code $$}
     * is a literal {@code $}).
     */
    private static String command(String service) {
        JsonNode command = services.path(service).path("command");
        if (command.isArray()) {
            List<String> parts = new ArrayList<>();
            command.forEach(part -> parts.add(part.asText()));
            return String.join("\n", parts).replace("$$", "$");
        }
        return command.asText().replace("$$", "$");
    }

    private static Map<String, String> dependsOn(String service) {
        Map<String, String> conditions = new TreeMap<>();
        JsonNode dependsOn = services.path(service).path("depends_on");
        dependsOn
                .fields()
                .forEachRemaining(
                        e -> conditions.put(e.getKey(), e.getValue().path("condition").asText()));
        return conditions;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A value the build passes in (jobs/ledger/pom.xml, surefire systemPropertyVariables). */
    private static String buildProperty(String name) {
        String value = System.getProperty(name);
        assertThat(value).as(name + " (run through Maven)").isNotBlank();
        return value;
    }
}

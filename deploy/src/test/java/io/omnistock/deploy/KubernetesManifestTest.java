package io.omnistock.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes/omnistock-engine.yaml against the Flink Kubernetes Operator's published
 * resource definition (the FlinkDeployment CRD in org.apache.flink:flink-kubernetes-operator-api
 * 1.10.0, the newest release on Maven Central here; its {@code flinkVersion} enum ends at v1_20, so
 * that one field is checked against the Flink version of the build instead) and against the
 * engine's own contracts: the cluster settings of flink-conf/config.yaml, every catalog topic, the
 * state volume, HA and savepoint upgrades.
 */
class KubernetesManifestTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path MANIFEST = ROOT.resolve("deploy/kubernetes/omnistock-engine.yaml");
    private static final String CRD = "META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";
    private static final String STATE = "/var/lib/omnistock/state";

    private static JsonNode deployment;
    private static JsonNode claim;
    private static JsonNode schema;

    @BeforeAll
    static void parse() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        try (MappingIterator<JsonNode> docs =
                yaml.readerFor(JsonNode.class).readValues(MANIFEST.toFile())) {
            for (JsonNode doc : docs.readAll()) {
                switch (doc.path("kind").asText()) {
                    case "FlinkDeployment" -> deployment = doc;
                    case "PersistentVolumeClaim" -> claim = doc;
                    default -> throw new AssertionError("unexpected " + doc.path("kind"));
                }
            }
        }
        try (InputStream crd =
                KubernetesManifestTest.class.getClassLoader().getResourceAsStream(CRD)) {
            assertThat(crd).as(CRD + " on the test classpath").isNotNull();
            JsonNode definition = yaml.readTree(crd);
            assertThat(definition.path("spec").path("names").path("kind").asText())
                    .isEqualTo("FlinkDeployment");
            for (JsonNode version : definition.path("spec").path("versions")) {
                if (deployment
                        .path("apiVersion")
                        .asText()
                        .equals("flink.apache.org/" + version.path("name").asText())) {
                    schema = version.path("schema").path("openAPIV3Schema");
                }
            }
        }
        assertThat(schema).as("the CRD serves " + deployment.path("apiVersion")).isNotNull();
    }

    @Test
    void theFlinkDeploymentMatchesTheOperatorsResourceDefinition() throws Exception {
        List<String> errors = new ArrayList<>();
        OpenApiSchema.validate(schema, deployment, "", errors);

        String flinkVersion =
                "v" + pomProperty("flink.version").replaceAll("^(\\d+)\\.(\\d+).*", "$1_$2");
        assertThat(deployment.path("spec").path("flinkVersion").asText()).isEqualTo(flinkVersion);
        assertThat(errors)
                .as("only the Flink version is newer than this CRD's enum")
                .containsExactly(".spec.flinkVersion: " + flinkVersion + " not in enum");
    }

    @Test
    void theValidatorRejectsWhatTheOperatorWould() {
        JsonNode broken = deployment.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("spec").path("job"))
                .put("upgradeMode", "blue-green")
                .put("parallelizm", 2);
        List<String> errors = new ArrayList<>();
        OpenApiSchema.validate(schema, broken, "", errors);
        assertThat(errors)
                .contains(
                        ".spec.job.upgradeMode: blue-green not in enum",
                        ".spec.job.parallelizm: unknown field");
    }

    @Test
    void clusterSettingsAreThoseOfFlinkConfWithTheStateOnTheVolume() {
        Configuration flinkConf =
                GlobalConfiguration.loadConfiguration(ROOT.resolve("flink-conf").toString());
        Map<String, String> shipped = flinkConf.toMap();
        JsonNode conf = deployment.path("spec").path("flinkConfiguration");
        conf.fields()
                .forEachRemaining(
                        e -> {
                            if (shipped.containsKey(e.getKey())) {
                                assertThat(e.getValue().asText())
                                        .as(e.getKey() + " as in config.yaml")
                                        .isEqualTo(shipped.get(e.getKey()));
                            }
                        });
        for (String key :
                List.of(
                        "execution.checkpointing.interval",
                        "execution.checkpointing.mode",
                        "execution.checkpointing.incremental",
                        "execution.checkpointing.externalized-checkpoint-retention",
                        "state.backend.type",
                        "pipeline.generic-types",
                        "pipeline.max-parallelism",
                        "restart-strategy.type",
                        "execution.checkpointing.dir",
                        "execution.checkpointing.savepoint-dir")) {
            assertThat(conf.has(key)).as(key).isTrue();
        }

        JsonNode pod = deployment.path("spec").path("podTemplate").path("spec");
        JsonNode mount = pod.path("containers").get(0).path("volumeMounts").get(0);
        assertThat(pod.path("containers").get(0).path("name").asText())
                .isEqualTo("flink-main-container");
        assertThat(mount.path("mountPath").asText()).isEqualTo(STATE);
        assertThat(
                        pod.path("volumes")
                                .get(0)
                                .path("persistentVolumeClaim")
                                .path("claimName")
                                .asText())
                .isEqualTo(claim.path("metadata").path("name").asText());
        assertThat(claim.path("spec").path("accessModes").get(0).asText())
                .isEqualTo("ReadWriteMany");
        for (String dir :
                List.of(
                        "execution.checkpointing.dir",
                        "execution.checkpointing.savepoint-dir",
                        "high-availability.storageDir")) {
            assertThat(conf.path(dir).asText()).as(dir).startsWith("file://" + STATE + "/");
        }
    }

    @Test
    void highAvailabilityWithAStandbyAndSavepointUpgrades() {
        JsonNode spec = deployment.path("spec");
        assertThat(spec.path("flinkConfiguration").path("high-availability.type").asText())
                .isEqualTo("kubernetes");
        assertThat(spec.path("jobManager").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(spec.path("job").path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(spec.path("job").path("allowNonRestoredState").asBoolean(true)).isFalse();
        assertThat(spec.path("job").path("entryClass").asText())
                .isEqualTo("io.omnistock.engine.EngineJob");
    }

    @Test
    void topicsAreCreatedBeforeTheJobManagerStartsAndTheJobUsesTheSameBroker() throws Exception {
        JsonNode init =
                deployment
                        .path("spec")
                        .path("jobManager")
                        .path("podTemplate")
                        .path("spec")
                        .path("initContainers")
                        .get(0);
        assertThat(init.path("image").asText())
                .isEqualTo("apache/kafka:" + pomProperty("kafka.version"));
        String script = init.path("args").get(0).asText();
        Map<String, String> created = new TreeMap<>();
        Matcher m =
                Pattern.compile(
                                "kafka-topics\\.sh --bootstrap-server \"\\$KAFKA_BOOTSTRAP\" --create --if-not-exists --topic (\\S+) (.*)")
                        .matcher(script);
        while (m.find()) {
            assertThat(created.put(m.group(1), m.group(2)))
                    .as("created twice: " + m.group(1))
                    .isNull();
        }
        assertThat(created.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        Topics.all().stream().map(TopicSpec::name).toList());
        for (TopicSpec<?> topic : Topics.all()) {
            TopicAdmin.topicConfigs(topic)
                    .forEach(
                            (k, v) ->
                                    assertThat(created.get(topic.name()))
                                            .as(topic.name())
                                            .contains("--config " + k + "=" + v));
        }
        String bootstrap = init.path("env").get(0).path("value").asText();
        List<String> args = new ArrayList<>();
        deployment.path("spec").path("job").path("args").forEach(a -> args.add(a.asText()));
        assertThat(args.get(args.indexOf("--kafka.bootstrap-servers") + 1)).isEqualTo(bootstrap);
        assertThat(args.get(args.indexOf("--config") + 1))
                .isEqualTo("/opt/omnistock/engine.properties");

        String dockerfile = Files.readString(ROOT.resolve("deploy/kubernetes/Dockerfile"));
        assertThat(dockerfile)
                .contains("COPY flink-conf/engine.properties /opt/omnistock/engine.properties")
                .contains("/opt/flink/usrlib/omnistock-engine-job.jar")
                .contains("flink:" + pomProperty("flink.version") + "-scala_2.12-java17");
        assertThat(deployment.path("spec").path("job").path("jarURI").asText())
                .isEqualTo("local:///opt/flink/usrlib/omnistock-engine-job.jar");
    }

    private static String pomProperty(String name) throws Exception {
        var pom =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(ROOT.resolve("pom.xml").toFile());
        return XPathFactory.newInstance().newXPath().evaluate("/project/properties/" + name, pom);
    }
}

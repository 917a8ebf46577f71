package io.omnistock.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * A Flink standalone session cluster from the Maven jars on this JVM's classpath (no binary
 * distribution), run the way Flink's {@code bin/} scripts run it: one job manager ({@code
 * StandaloneSessionClusterEntrypoint}) and task managers ({@code TaskManagerRunner}) as separate
 * JVMs, each with the memory flags {@code BashJavaUtils} computes from the configuration. The
 * configuration is {@code flink-conf/config.yaml} with local addresses, free ports and local
 * checkpoint and savepoint directories. Talks to the cluster only through its REST API.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {
    /** Generous: the machine may be loaded. */
    public static final Duration READY = Duration.ofMinutes(2);

    /** The {@code --add-opens/--add-exports} flags Flink's scripts pass on Java 17. */
    public static final List<String> JAVA_17_FLAGS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path confDir;
    private final String classpath;
    private volatile URI rest;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<ChildJvm> processes = new ArrayList<>();
    private ChildJvm jobManager;
    private ChildJvm taskManager;
    private ChildJvm standby;
    private URI standbyRest;
    private int taskManagersStarted;

    private StandaloneFlinkCluster(Path dir, Path confDir, String classpath, int restPort) {
        this.dir = dir;
        this.confDir = confDir;
        this.classpath = classpath;
        this.rest = URI.create("http://localhost:" + restPort);
    }

    /** The REST API and web UI, {@code http://localhost:<rest.port>}. */
    public URI rest() {
        return rest;
    }

    /** The directory the cluster writes its configuration, logs and state to. */
    public Path dir() {
        return dir;
    }

    /** Test-sized memory: a job manager of 1024m and a task manager of 1280m. */
    public static final Map<String, String> TEST_MEMORY =
            Map.of(
                    "jobmanager.memory.process.size", "1024m",
                    "taskmanager.memory.process.size", "1280m");

    /** {@link #start(Path, Path, String, Map)} with {@link #TEST_MEMORY} and a free REST port. */
    public static StandaloneFlinkCluster start(Path dir, Path flinkConf, String classpath)
            throws Exception {
        return start(dir, flinkConf, classpath, TEST_MEMORY);
    }

    /**
     * Writes the cluster's configuration under {@code dir} from {@code flinkConf}/config.yaml,
     * starts the job manager and one task manager, and waits until the task manager's slots are
     * registered. Every process binds localhost; the RPC port is a free one, the REST port too
     * unless {@code settings} give {@code rest.port}; checkpoints, savepoints and temporary files
     * go under {@code dir}. {@code settings} win over all of these and over the file. The
     * Prometheus reporter stays configured only when its jar is on {@code classpath}.
     */
    public static StandaloneFlinkCluster start(
            Path dir, Path flinkConf, String classpath, Map<String, String> settings)
            throws Exception {
        Configuration conf = GlobalConfiguration.loadConfiguration(flinkConf.toString());
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("jobmanager.rpc.address", "localhost");
        overrides.put("jobmanager.rpc.port", String.valueOf(ChildJvm.freePort()));
        overrides.put("jobmanager.bind-host", "localhost");
        overrides.put("taskmanager.bind-host", "localhost");
        overrides.put("taskmanager.host", "localhost");
        overrides.put("rest.address", "localhost");
        overrides.put("rest.bind-address", "localhost");
        overrides.put("rest.port", String.valueOf(ChildJvm.freePort()));
        overrides.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        overrides.put(
                "execution.checkpointing.savepoint-dir",
                dir.resolve("savepoints").toUri().toString());
        overrides.put("io.tmp.dirs", dir.resolve("tmp").toString());
        overrides.put("web.upload.dir", dir.resolve("uploads").toString());
        overrides.put("blob.storage.directory", dir.resolve("blobs").toString());
        // A killed task manager refuses heartbeats at once; notice it within seconds.
        overrides.put("heartbeat.interval", "2s");
        overrides.put("heartbeat.timeout", "30s");
        overrides.putAll(settings);
        overrides.forEach(conf::setString);
        int restPort = Integer.parseInt(overrides.get("rest.port"));
        if (!classpath.contains("flink-metrics-prometheus")) {
            // The Prometheus reporter's jar is a plugin of the binary distribution, not here.
            conf.keySet().stream()
                    .filter(k -> k.startsWith("metrics.reporter."))
                    .toList()
                    .forEach(conf::removeKey);
        }

        Path confDir = dir.resolve("conf");
        Files.createDirectories(confDir);
        Files.createDirectories(dir.resolve("tmp"));
        Files.write(
                confDir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME),
                ConfigurationUtils.convertConfigToWritableLines(conf, false));
        Files.writeString(
                confDir.resolve("log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.console.ref = Console",
                        "appender.console.name = Console",
                        "appender.console.type = CONSOLE",
                        "appender.console.layout.type = PatternLayout",
                        "appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1.} - %m%n",
                        "logger.kafka.name = org.apache.kafka",
                        "logger.kafka.level = WARN",
                        ""));

        StandaloneFlinkCluster cluster =
                new StandaloneFlinkCluster(dir, confDir, classpath, restPort);
        try {
            cluster.startJobManager();
            cluster.startTaskManager();
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The log4j configuration every child JVM of the cluster uses. */
    public Path log4jProperties() {
        return confDir.resolve("log4j.properties");
    }

    private void startJobManager() throws Exception {
        List<String> params = resourceParams("GET_JM_RESOURCE_PARAMS", "jobmanager");
        jobManager =
                ChildJvm.start(
                        "jobmanager",
                        classpath,
                        jvmArgs(params.get(0)),
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        programArgs(params.get(1)),
                        dir.resolve("jobmanager.log"));
        processes.add(jobManager);
        ChildJvm started = jobManager;
        Poll.until(
                "the job manager's REST API at " + rest + " answers",
                () -> {
                    started.requireAlive();
                    return tryGet("/overview");
                },
                Objects::nonNull,
                READY);
    }

    /**
     * Starts a task manager (2 slots) and waits until the job manager has registered it (a task
     * manager id it did not know before).
     */
    public void startTaskManager() throws Exception {
        Set<String> known = taskManagerIds();
        taskManagersStarted++;
        String name = "taskmanager-" + taskManagersStarted;
        List<String> params = resourceParams("GET_TM_RESOURCE_PARAMS", name);
        taskManager =
                ChildJvm.start(
                        name,
                        classpath,
                        jvmArgs(params.get(0)),
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        programArgs(params.get(1)),
                        dir.resolve(name + ".log"));
        processes.add(taskManager);
        ChildJvm started = taskManager;
        Poll.until(
                name + " registers at the job manager",
                () -> {
                    started.requireAlive();
                    Set<String> ids = taskManagerIds();
                    ids.removeAll(known);
                    return ids;
                },
                ids -> !ids.isEmpty(),
                READY);
    }

    /** {@code GET /taskmanagers}: the ids of the registered task managers. */
    private Set<String> taskManagerIds() throws Exception {
        Set<String> ids = new HashSet<>();
        for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
            ids.add(tm.path("id").asText());
        }
        return ids;
    }

    /** The job manager's process. */
    public ChildJvm jobManager() {
        return jobManager;
    }

    /**
     * Starts another job manager on {@code restPort}: under high availability a standby that takes
     * over when the leader dies ({@link #killLeadingJobManager}).
     */
    public void startStandbyJobManager(int restPort) throws Exception {
        List<String> params = resourceParams("GET_JM_RESOURCE_PARAMS", "jobmanager-standby");
        List<String> args = new ArrayList<>(programArgs(params.get(1)));
        args.addAll(
                List.of(
                        "-D",
                        "rest.port=" + restPort,
                        "-D",
                        "jobmanager.rpc.port=" + ChildJvm.freePort()));
        standby =
                ChildJvm.start(
                        "jobmanager-standby",
                        classpath,
                        jvmArgs(params.get(0)),
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        args,
                        dir.resolve("jobmanager-standby.log"));
        processes.add(standby);
        standbyRest = URI.create("http://localhost:" + restPort);
    }

    /**
     * Kills the first job manager's process (SIGKILL), as a lost machine, and talks to the
     * standby's REST API from then on.
     */
    public void killLeadingJobManager() throws InterruptedException {
        if (standby == null) {
            throw new IllegalStateException("no standby job manager started");
        }
        jobManager.kill();
        jobManager = standby;
        rest = standbyRest;
    }

    /** Kills the current task manager's process (SIGKILL), as a lost machine. */
    public void killTaskManager() throws InterruptedException {
        taskManager.kill();
    }

    /**
     * Runs {@code BashJavaUtils} as Flink's scripts do: line 1 of its result is the JVM's memory
     * flags, line 2 the dynamic {@code -D} options for the main class.
     */
    private List<String> resourceParams(String command, String name) throws Exception {
        List<String> output =
                ChildJvm.run(
                        "BashJavaUtils " + command,
                        classpath,
                        "org.apache.flink.runtime.util.bash.BashJavaUtils",
                        List.of(command, "--configDir", confDir.toString()),
                        dir.resolve(name + "-resource-params.log"),
                        READY);
        List<String> results =
                output.stream()
                        .filter(l -> l.startsWith(RESULT_PREFIX))
                        .map(l -> l.substring(RESULT_PREFIX.length()))
                        .toList();
        if (results.size() < 2) {
            throw new IllegalStateException("BashJavaUtils " + command + " printed " + output);
        }
        return results.subList(results.size() - 2, results.size());
    }

    private List<String> jvmArgs(String memoryFlags) {
        List<String> args = new ArrayList<>(Arrays.asList(memoryFlags.trim().split("\\s+")));
        args.addAll(JAVA_17_FLAGS);
        args.add("-Dlog4j.configurationFile=" + log4jProperties().toUri());
        return args;
    }

    private List<String> programArgs(String dynamicOptions) {
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        args.addAll(Arrays.asList(dynamicOptions.trim().split("\\s+")));
        return args;
    }

    /** {@code POST /jars/upload}: returns the jar's id. */
    public String uploadJar(Path jar) throws Exception {
        String boundary = "omnistock-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"jarfile\";"
                                + " filename=\""
                                + jar.getFileName()
                                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode uploaded =
                send(
                        HttpRequest.newBuilder(rest.resolve("/jars/upload"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        String file = uploaded.path("filename").asText();
        if (!"success".equals(uploaded.path("status").asText()) || file.isEmpty()) {
            throw new IllegalStateException("upload of " + jar + " failed: " + uploaded);
        }
        return Path.of(file).getFileName().toString();
    }

    /**
     * {@code POST /jars/<id>/run}: starts the jar's main class with {@code args} at {@code
     * parallelism}, from {@code savepoint} unless null; returns the job id.
     */
    public String runJar(String jarId, List<String> args, int parallelism, String savepoint)
            throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("programArgsList", args);
        request.put("parallelism", parallelism);
        if (savepoint != null) {
            request.put("savepointPath", savepoint);
            request.put("allowNonRestoredState", false);
        }
        JsonNode run = post("/jars/" + jarId + "/run", request);
        String jobId = run.path("jobid").asText();
        if (jobId.isEmpty()) {
            throw new IllegalStateException("run of " + jarId + " failed: " + run);
        }
        return jobId;
    }

    /** Waits until the job and every one of its tasks run; returns the job's details. */
    public JsonNode awaitRunning(String jobId, Duration deadline) throws Exception {
        return awaitJob(jobId, StandaloneFlinkCluster::allRunning, "runs every task", deadline);
    }

    /**
     * Polls {@code GET /jobs/<id>} until {@code done} holds; a failed request counts as not yet
     * (after a job manager failover the standby answers only once it leads and has recovered the
     * job).
     */
    public JsonNode awaitJob(String jobId, Predicate<JsonNode> done, String what, Duration deadline)
            throws Exception {
        return Poll.until(
                "job " + jobId + " " + what,
                () -> tryGet("/jobs/" + jobId),
                job -> job != null && done.test(job),
                deadline);
    }

    public static boolean allRunning(JsonNode job) {
        JsonNode vertices = job.path("vertices");
        if (!"RUNNING".equals(job.path("state").asText()) || vertices.isEmpty()) {
            return false;
        }
        for (JsonNode vertex : vertices) {
            if (vertex.path("tasks").path("RUNNING").asInt()
                    != vertex.path("parallelism").asInt()) {
                return false;
            }
        }
        return true;
    }

    /** {@code PATCH /jobs/<id>?mode=cancel}: asks the job manager to cancel the job. */
    public void cancel(String jobId) throws Exception {
        send(
                HttpRequest.newBuilder(rest.resolve("/jobs/" + jobId + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    /** {@code GET /jobs/<id>/checkpoints}. */
    public JsonNode checkpoints(String jobId) throws Exception {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /**
     * {@code POST /jobs/<id>/stop} (a canonical savepoint, no drain), then polls the trigger until
     * it completes; returns the savepoint's path.
     */
    public String stopWithSavepoint(String jobId, Path target, Duration deadline) throws Exception {
        JsonNode trigger =
                post(
                        "/jobs/" + jobId + "/stop",
                        Map.of(
                                "targetDirectory",
                                target.toUri().toString(),
                                "drain",
                                false,
                                "formatType",
                                "CANONICAL"));
        String requestId = trigger.path("request-id").asText();
        JsonNode done =
                Poll.until(
                        "the savepoint of job " + jobId,
                        () -> get("/jobs/" + jobId + "/savepoints/" + requestId),
                        s -> "COMPLETED".equals(s.path("status").path("id").asText()),
                        deadline);
        String location = done.path("operation").path("location").asText();
        if (location.isEmpty()) {
            throw new IllegalStateException("stop with savepoint failed: " + done);
        }
        return location;
    }

    public JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(rest.resolve(path)).GET());
    }

    private JsonNode tryGet(String path) throws InterruptedException {
        try {
            return get(path);
        } catch (IOException | IllegalStateException e) {
            return null;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return null;
        }
    }

    private JsonNode post(String path, Object body) throws Exception {
        return send(
                HttpRequest.newBuilder(rest.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response =
                http.send(
                        request.timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    request.build().uri()
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
    }

    /**
     * This JVM's classpath (a test's or the deploy command's) without what a Flink cluster does not
     * have: the project's own classes, the Kafka connector and clients, Avro and the test
     * libraries. The job jar must bring those. Like Flink's distribution, the cluster has the
     * datagen and base connectors.
     */
    public static String clusterClasspath() {
        List<String> entries =
                Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                        .filter(e -> e.endsWith(".jar"))
                        .filter(e -> !isUserCode(Path.of(e).getFileName().toString()))
                        .toList();
        if (entries.stream().noneMatch(e -> e.contains("flink-runtime-web"))) {
            throw new IllegalStateException("no flink-runtime-web on the classpath");
        }
        return String.join(File.pathSeparator, entries);
    }

    private static boolean isUserCode(String jar) {
        return Stream.of(
                                "omnistock-",
                                "kafka",
                                "flink-connector-kafka",
                                "flink-avro",
                                "avro-",
                                "flink-test-utils",
                                "junit",
                                "assertj",
                                "testcontainers",
                                "docker-")
                        .anyMatch(jar::startsWith)
                || jar.endsWith("-tests.jar");
    }

    /** Stops every process this cluster started, task managers first. */
    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}

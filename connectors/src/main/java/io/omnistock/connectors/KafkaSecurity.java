package io.omnistock.connectors;

import io.omnistock.contracts.JaasConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;

/**
 * How every Kafka client of OmniStock authenticates: typed options for the security protocol, the
 * SASL mechanism and user, and an SSL truststore. Secrets never live in the configuration: the SASL
 * password (and the truststore password) is read from a file named by an option or from an
 * environment variable whose name is an option, when the clients are built. The JAAS login is built
 * here ({@code PlainLoginModule} or {@code ScramLoginModule}); explicit {@code kafka.client.*} keys
 * still win (see {@link KafkaOptions#clientProperties}).
 */
public final class KafkaSecurity {

    /** The environment variable holding the SASL password unless told otherwise. */
    public static final String DEFAULT_PASSWORD_ENV = "OMNISTOCK_KAFKA_PASSWORD";

    /** The environment variable holding the truststore password unless told otherwise. */
    public static final String DEFAULT_TRUSTSTORE_PASSWORD_ENV =
            "OMNISTOCK_KAFKA_TRUSTSTORE_PASSWORD";

    public static final ConfigOption<Protocol> SECURITY_PROTOCOL =
            ConfigOptions.key("kafka.security.protocol")
                    .enumType(Protocol.class)
                    .defaultValue(Protocol.PLAINTEXT)
                    .withDescription(
                            "How the clients talk to the brokers: PLAINTEXT, SASL_PLAINTEXT,"
                                    + " SASL_SSL or SSL.");

    public static final ConfigOption<String> SASL_MECHANISM =
            ConfigOptions.key("kafka.sasl.mechanism")
                    .stringType()
                    .defaultValue(Mechanism.SCRAM_SHA_512.kafkaName())
                    .withDescription(
                            "SASL mechanism with SASL_PLAINTEXT or SASL_SSL: PLAIN,"
                                    + " SCRAM-SHA-256 or SCRAM-SHA-512.");

    public static final ConfigOption<String> SASL_USERNAME =
            ConfigOptions.key("kafka.sasl.username")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("SASL user; required with SASL_PLAINTEXT or SASL_SSL.");

    public static final ConfigOption<String> SASL_PASSWORD_FILE =
            ConfigOptions.key("kafka.sasl.password-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "A file holding the SASL password (one trailing line break is"
                                    + " ignored). When not set, the password comes from the"
                                    + " environment variable named by kafka.sasl.password-env.");

    public static final ConfigOption<String> SASL_PASSWORD_ENV =
            ConfigOptions.key("kafka.sasl.password-env")
                    .stringType()
                    .defaultValue(DEFAULT_PASSWORD_ENV)
                    .withDescription(
                            "The environment variable holding the SASL password when"
                                    + " kafka.sasl.password-file is not set.");

    public static final ConfigOption<String> SSL_TRUSTSTORE_LOCATION =
            ConfigOptions.key("kafka.ssl.truststore-location")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Truststore with the brokers' CA (SSL and SASL_SSL); the JVM's"
                                    + " default trust when not set.");

    public static final ConfigOption<String> SSL_TRUSTSTORE_PASSWORD_FILE =
            ConfigOptions.key("kafka.ssl.truststore-password-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("A file holding the truststore password.");

    public static final ConfigOption<String> SSL_TRUSTSTORE_PASSWORD_ENV =
            ConfigOptions.key("kafka.ssl.truststore-password-env")
                    .stringType()
                    .defaultValue(DEFAULT_TRUSTSTORE_PASSWORD_ENV)
                    .withDescription(
                            "The environment variable holding the truststore password when"
                                    + " kafka.ssl.truststore-password-file is not set; a"
                                    + " truststore without a password is read when neither"
                                    + " is there.");

    /** Kafka's {@code security.protocol} values. */
    public enum Protocol {
        PLAINTEXT,
        SASL_PLAINTEXT,
        SASL_SSL,
        SSL;

        boolean sasl() {
            return this == SASL_PLAINTEXT || this == SASL_SSL;
        }

        boolean ssl() {
            return this == SSL || this == SASL_SSL;
        }
    }

    /** The SASL mechanisms OmniStock builds a login for. */
    public enum Mechanism {
        PLAIN("PLAIN", JaasConfig.PLAIN_LOGIN_MODULE),
        SCRAM_SHA_256("SCRAM-SHA-256", JaasConfig.SCRAM_LOGIN_MODULE),
        SCRAM_SHA_512("SCRAM-SHA-512", JaasConfig.SCRAM_LOGIN_MODULE);

        private final String kafkaName;
        private final String loginModule;

        Mechanism(String kafkaName, String loginModule) {
            this.kafkaName = kafkaName;
            this.loginModule = loginModule;
        }

        /** The name Kafka uses ({@code sasl.mechanism}). */
        public String kafkaName() {
            return kafkaName;
        }

        /** The mechanism named {@code name} (Kafka's spelling, any case). */
        public static Mechanism of(String name) {
            for (Mechanism m : values()) {
                if (m.kafkaName.equalsIgnoreCase(name.trim())) {
                    return m;
                }
            }
            throw new IllegalConfigurationException(
                    SASL_MECHANISM.key()
                            + " must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, not '"
                            + name
                            + "'");
        }

        /** The {@code sasl.jaas.config} value logging {@code username} in with {@code password}. */
        public String jaasConfig(String username, String password) {
            return JaasConfig.login(loginModule, username, password);
        }
    }

    /**
     * The Kafka client properties the security options of {@code conf} call for, secrets read from
     * files or from {@code env} (an environment lookup: {@code System::getenv} in production).
     * Empty for PLAINTEXT.
     *
     * @throws IllegalConfigurationException when a needed user or secret is missing or unreadable,
     *     naming the option, file or environment variable to set
     */
    public static Properties clientProperties(Configuration conf, Function<String, String> env) {
        Properties props = new Properties();
        Protocol protocol = conf.get(SECURITY_PROTOCOL);
        if (protocol == Protocol.PLAINTEXT) {
            return props;
        }
        props.setProperty("security.protocol", protocol.name());
        Properties passThrough = KafkaOptions.passThroughProperties(conf);
        if (protocol.sasl()) {
            Mechanism mechanism = Mechanism.of(conf.get(SASL_MECHANISM));
            props.setProperty("sasl.mechanism", mechanism.kafkaName());
            if (!passThrough.containsKey("sasl.jaas.config")) {
                String username =
                        conf.getOptional(SASL_USERNAME)
                                .filter(u -> !u.isBlank())
                                .orElseThrow(
                                        () ->
                                                new IllegalConfigurationException(
                                                        SASL_USERNAME.key()
                                                                + " is required with "
                                                                + protocol));
                String password =
                        secret(conf, SASL_PASSWORD_FILE, SASL_PASSWORD_ENV, env, "SASL password")
                                .orElseThrow(
                                        () ->
                                                new IllegalConfigurationException(
                                                        missing(
                                                                conf,
                                                                "SASL password",
                                                                SASL_PASSWORD_FILE,
                                                                SASL_PASSWORD_ENV)));
                props.setProperty("sasl.jaas.config", mechanism.jaasConfig(username, password));
            }
        }
        if (protocol.ssl()) {
            Optional<String> truststore = conf.getOptional(SSL_TRUSTSTORE_LOCATION);
            if (truststore.isPresent()) {
                props.setProperty("ssl.truststore.location", truststore.get());
                if (!passThrough.containsKey("ssl.truststore.password")) {
                    secret(
                                    conf,
                                    SSL_TRUSTSTORE_PASSWORD_FILE,
                                    SSL_TRUSTSTORE_PASSWORD_ENV,
                                    env,
                                    "truststore password")
                            .ifPresent(p -> props.setProperty("ssl.truststore.password", p));
                }
            }
        }
        return props;
    }

    /** The secret in the file {@code fileOption} names, else in the variable {@code envOption}. */
    private static Optional<String> secret(
            Configuration conf,
            ConfigOption<String> fileOption,
            ConfigOption<String> envOption,
            Function<String, String> env,
            String what) {
        Optional<String> file = conf.getOptional(fileOption);
        if (file.isPresent()) {
            Path path = Path.of(file.get());
            String content;
            try {
                content = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalConfigurationException(
                        "cannot read the Kafka "
                                + what
                                + " from "
                                + path
                                + " ("
                                + fileOption.key()
                                + "): "
                                + e,
                        e);
            }
            String secret = stripOneLineBreak(content);
            if (secret.isEmpty()) {
                throw new IllegalConfigurationException(
                        "the Kafka "
                                + what
                                + " file "
                                + path
                                + " ("
                                + fileOption.key()
                                + ") is empty");
            }
            return Optional.of(secret);
        }
        String value = env.apply(conf.get(envOption));
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static String missing(
            Configuration conf,
            String what,
            ConfigOption<String> fileOption,
            ConfigOption<String> envOption) {
        return String.format(
                Locale.ROOT,
                "no Kafka %s: set the environment variable %s (its name is %s) or name a file"
                        + " holding it with %s",
                what,
                conf.get(envOption),
                envOption.key(),
                fileOption.key());
    }

    private static String stripOneLineBreak(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        if (s.endsWith("\n")) {
            return s.substring(0, s.length() - 1);
        }
        return s;
    }

    private KafkaSecurity() {}
}

package io.omnistock.contracts;

/**
 * {@code sasl.jaas.config} values: the jobs' Kafka security options and the embedded test broker
 * log in with the same strings.
 */
public final class JaasConfig {
    /** The login module of SASL/PLAIN. */
    public static final String PLAIN_LOGIN_MODULE =
            "org.apache.kafka.common.security.plain.PlainLoginModule";

    /** The login module of SASL/SCRAM (SHA-256 and SHA-512). */
    public static final String SCRAM_LOGIN_MODULE =
            "org.apache.kafka.common.security.scram.ScramLoginModule";

    /** The {@code sasl.jaas.config} value logging {@code username} in with {@code password}. */
    public static String login(String loginModule, String username, String password) {
        return loginModule
                + " required username=\""
                + quoted(username)
                + "\" password=\""
                + quoted(password)
                + "\";";
    }

    /** {@code s} escaped for a double-quoted JAAS option value. */
    static String quoted(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private JaasConfig() {}
}

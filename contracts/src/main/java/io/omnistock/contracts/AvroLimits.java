package io.omnistock.contracts;

import java.lang.reflect.Method;
import org.apache.avro.SystemLimitException;

/**
 * Caps the lengths Avro trusts in a payload at the largest record the engine accepts. Without it,
 * garbage bytes can declare a 2 GiB string and Avro allocates it before reading: an {@link
 * OutOfMemoryError} that would kill the TaskManager instead of dead-lettering one record. With it,
 * such payloads fail as {@link SystemLimitException} (an {@code UNDECODABLE} dead letter).
 *
 * <p>Avro reads these limits from system properties once, when {@link SystemLimitException} is
 * loaded; another component may have loaded it first, so the limits are re-read after they are set.
 * A value configured on the command line (e.g. {@code -Dorg.apache.avro.limits.string.maxLength})
 * is kept.
 */
final class AvroLimits {
    private static final String LIMIT = Integer.toString(TopicSpec.MAX_RECORD_BYTES);

    static void install() {
        setIfAbsent(SystemLimitException.MAX_STRING_LENGTH_PROPERTY);
        setIfAbsent(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY);
        setIfAbsent(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY);
        try {
            Method reset = SystemLimitException.class.getDeclaredMethod("resetLimits");
            reset.setAccessible(true);
            reset.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot apply Avro length limits", e);
        }
    }

    private static void setIfAbsent(String property) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, LIMIT);
        }
    }

    private AvroLimits() {}
}

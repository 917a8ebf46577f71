package io.omnistock.testing;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the repository's reference pages for tests that check them against the code: the pages'
 * table cells and code spans, and a class's constants by reflection.
 */
public final class ReferenceDocs {
    private static final Pattern FIRST_CELL = Pattern.compile("^\\|([^|]*)\\|", Pattern.MULTILINE);
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** The text of {@code relative} (e.g. {@code docs/reference/topics.md}) in the repository. */
    public static String read(String relative) throws IOException {
        return Files.readString(repositoryRoot().resolve(relative));
    }

    /** The first cell of every table row of {@code markdown}. */
    public static List<String> firstCells(String markdown) {
        List<String> cells = new ArrayList<>();
        Matcher m = FIRST_CELL.matcher(markdown);
        while (m.find()) {
            cells.add(m.group(1));
        }
        return cells;
    }

    /** Every {@code `code span`} of {@code text}, trimmed. */
    public static Set<String> codeSpans(String text) {
        Set<String> spans = new TreeSet<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            spans.add(m.group(1).trim());
        }
        return spans;
    }

    /** The code spans in the first cells of {@code markdown}'s tables. */
    public static Set<String> firstCellCodeSpans(String markdown) {
        Set<String> spans = new TreeSet<>();
        for (String cell : firstCells(markdown)) {
            spans.addAll(codeSpans(cell));
        }
        return spans;
    }

    /** The values of {@code type}'s static fields of type {@code valueType}, any visibility. */
    public static <T> List<T> staticFieldsOf(Class<?> type, Class<T> valueType)
            throws IllegalAccessException {
        List<T> values = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && valueType.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                values.add(valueType.cast(field.get(null)));
            }
        }
        return values;
    }

    /** The directory holding {@code .ci/run}, from the working directory up. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".ci/run"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no .ci/run above " + Path.of("").toAbsolutePath());
    }

    private ReferenceDocs() {}
}

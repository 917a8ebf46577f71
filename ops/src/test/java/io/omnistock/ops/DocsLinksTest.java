package io.omnistock.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The markdown docs (README.md, CONTRIBUTING.md, CHANGELOG.md, docs/**) link only to files that
 * exist and to headings that exist, with GitHub's heading anchors; the README stays a short read.
 */
class DocsLinksTest {

    private static final int README_MAX_LINES = 220;

    private static final Pattern LINK =
            Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*");

    @Test
    void everyRelativeLinkAndAnchorInTheDocsResolves() {
        Path root = repositoryRoot();

        List<String> broken = brokenLinks(root, markdownFiles(root));

        assertThat(broken).as("broken links in the markdown docs").isEmpty();
    }

    @Test
    void theReadmeIsAShortRead() throws IOException {
        Path readme = repositoryRoot().resolve("README.md");

        assertThat(Files.readAllLines(readme)).hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void reportsMissingFilesAndAnchorsButNotCodeOrExternalLinks(@TempDir Path dir)
            throws IOException {
        Files.createDirectories(dir.resolve("docs/concepts"));
        Files.writeString(
                dir.resolve("docs/concepts/ledger.md"),
                """
                # The ledger: reconciliation

                ## Choices where the design is silent
                ## Section 3: The ledger
                ## Section 3: The ledger
                """);
        Files.writeString(
                dir.resolve("README.md"),
                """
                # OmniStock
                [fine](docs/concepts/ledger.md#choices-where-the-design-is-silent)
                [fine too](docs/concepts/ledger.md#section-3-the-ledger-1) and [here](#omnistock)
                [gone](docs/missing.md) and [no heading](docs/concepts/ledger.md#nowhere)
                [no heading here](#nowhere-here) [web](https://example.com/x.md) [mail](mailto:a@b.c)
                `[in code](docs/in-code.md)`
                ```
                [in a fence](docs/fenced.md)
                ```
                """);

        List<String> broken = brokenLinks(dir, List.of(dir.resolve("README.md")));

        assertThat(broken)
                .containsExactly(
                        "README.md:4: docs/missing.md (no such file)",
                        "README.md:4: docs/concepts/ledger.md#nowhere (no such heading)",
                        "README.md:5: #nowhere-here (no such heading)");
    }

    @Test
    void slugsFollowGitHubRules() {
        assertThat(slug("How orders are routed (design.md, section 4)"))
                .isEqualTo("how-orders-are-routed-designmd-section-4");
        assertThat(slug("The decision record (`orders.decisions`, key = order id)"))
                .isEqualTo("the-decision-record-ordersdecisions-key--order-id");
        assertThat(slug("Section 3: The ledger")).isEqualTo("section-3-the-ledger");
        assertThat(slug("snake_case and [a link](x.md)")).isEqualTo("snake_case-and-a-link");
    }

    static List<String> brokenLinks(Path root, List<Path> files) {
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = read(file);
            boolean inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (FENCE.matcher(line).matches()) {
                    inFence = !inFence;
                    continue;
                }
                if (inFence) {
                    continue;
                }
                Matcher m = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
                while (m.find()) {
                    String problem = problem(root, file, m.group(1), anchors);
                    if (problem != null) {
                        broken.add(
                                root.relativize(file).toString().replace('\\', '/')
                                        + ":"
                                        + (i + 1)
                                        + ": "
                                        + m.group(1)
                                        + " ("
                                        + problem
                                        + ")");
                    }
                }
            }
        }
        return broken;
    }

    private static String problem(
            Path root, Path file, String link, Map<Path, Set<String>> anchors) {
        String lower = link.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://")
                || lower.startsWith("https://")
                || lower.startsWith("mailto:")) {
            return null;
        }
        int hash = link.indexOf('#');
        String path = hash < 0 ? link : link.substring(0, hash);
        String anchor = hash < 0 ? null : link.substring(hash + 1);
        Path target =
                path.isEmpty()
                        ? file
                        : path.startsWith("/")
                                ? root.resolve(path.substring(1)).normalize()
                                : file.getParent().resolve(path).normalize();
        if (!Files.exists(target)) {
            return "no such file";
        }
        if (anchor != null && target.toString().endsWith(".md")) {
            Set<String> headings = anchors.computeIfAbsent(target, DocsLinksTest::headingAnchors);
            if (!headings.contains(anchor)) {
                return "no such heading";
            }
        }
        return null;
    }

    /** GitHub's anchors of a file's headings: a repeated slug gets -1, -2, ... */
    static Set<String> headingAnchors(Path file) {
        Set<String> result = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : read(file)) {
            if (FENCE.matcher(line).matches()) {
                inFence = !inFence;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (inFence || !m.matches()) {
                continue;
            }
            String slug = slug(m.group(1));
            int n = seen.merge(slug, 1, Integer::sum);
            result.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return result;
    }

    /** Lower case, link text for links, punctuation but '-' and '_' dropped, spaces to '-'. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        return text.trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\s_-]", "")
                .replace(' ', '-');
    }

    static List<Path> markdownFiles(Path root) {
        List<Path> files = new ArrayList<>();
        for (String name : List.of("README.md", "CONTRIBUTING.md", "CHANGELOG.md")) {
            files.add(root.resolve(name));
        }
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The directory holding .ci/run, found by walking up from the working directory. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(".ci/run"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no .ci/run above " + Path.of("").toAbsolutePath());
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package cn.carbon.k8s;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules, the design and the API live in the repository's {@code docs/}, which the READMEs, the manifests' comments
 * and many Javadoc comments cite ("RULES.md §4.8", "DESIGN.md", "API.md"). Nothing may point at a folder outside the
 * repository: a reader of a clone would find nothing there.
 */
class DocumentsTest {

    /** Paths of a folder next to the repository; spelled in pieces so that this file does not name them itself. */
    private static final List<String> OUTSIDE = List.of(
            "../" + "shared",
            "shared" + "/domain",
            "shared" + "/DESIGN.md",
            "shared" + "/API.md",
            "shared" + "/seed");

    /** The documents the code cites by file name. */
    private static final List<String> CITED = List.of(
            "docs/README.md", "docs/DESIGN.md", "docs/API.md", "docs/RULES.md", "docs/RULES-2023-2025.md",
            "docs/notice/mee-2023-07-14-allowance-surrender-notice.zh.txt");

    /** What the code cites of a rules document: "§4.8, §16", "§3 K26", "E8", "§3.4 N2", "F4". */
    private static final String CITED_IDS = "((?:[ ,;]*(?:§\\d+(?:\\.\\d+)?|[A-Z]\\d+)\\b)+)";
    private static final Pattern CITED_ID = Pattern.compile("§\\d+(?:\\.\\d+)?|[A-Z]\\d+");

    /** Folders that hold build output or local state, never sources (used only outside a git work tree). */
    private static final Set<String> NOT_SOURCES = Set.of(".git", "target", ".carbon", "node_modules");

    @Test
    void theCitedDocumentsAreInTheRepository() {
        Path root = repositoryRoot();
        assertThat(CITED).allSatisfy(doc -> assertThat(root.resolve(doc)).as(doc).isRegularFile());
    }

    @Test
    void noFileOutsideDocsPointsOutsideTheRepository() throws IOException {
        Path root = repositoryRoot();
        List<String> files = sourceFiles(root);
        assertThat(files).as("files of the repository").contains("README.md", "k8s/README.md");
        List<String> offending = new ArrayList<>();
        for (String file : files) {
            Path path = root.resolve(file);
            if (file.startsWith("docs/") || !Files.isRegularFile(path)) {
                continue;
            }
            String text = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (String outside : OUTSIDE) {
                    if (lines[i].contains(outside)) {
                        offending.add(file + ":" + (i + 1) + " names " + outside + " (use docs/ instead)");
                    }
                }
            }
        }
        assertThat(offending).as("references to documents outside the repository").isEmpty();
    }

    @Test
    void everySectionConstantAndExampleTheCodeCitesIsInRulesMd() throws IOException {
        Set<String> cited = assertCitationsExist("RULES.md", "§4.8", "§16", "K26", "E8", "§13.4");
        assertThat(cited).as("what the code cites of RULES.md").contains("§4.8", "§16", "K26", "E8");
    }

    @Test
    void everySectionConstantAndExampleTheCodeCitesIsInTheNextCyclesRules() throws IOException {
        assertCitationsExist("RULES-2023-2025.md", "§3.4", "§13", "N2", "N30", "D8", "F4", "T1");
    }

    /** Every citation of docs/{@code document} outside docs/ names something in it; returns what was cited. */
    private static Set<String> assertCitationsExist(String document, String... knownAnchors) throws IOException {
        Path root = repositoryRoot();
        Set<String> present = anchorsOf(Files.readString(root.resolve("docs").resolve(document)));
        assertThat(present).as("anchors of docs/" + document).contains(knownAnchors);
        Pattern citation = Pattern.compile("(?<![-\\w])" + Pattern.quote(document) + CITED_IDS);
        Set<String> cited = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        for (String file : sourceFiles(root)) {
            Path path = root.resolve(file);
            if (file.startsWith("docs/") || !Files.isRegularFile(path)) {
                continue;
            }
            Matcher m = citation.matcher(new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
            while (m.find()) {
                Matcher id = CITED_ID.matcher(m.group(1));
                while (id.find()) {
                    cited.add(id.group());
                    if (!present.contains(id.group())) {
                        missing.add(file + " cites " + document + " " + id.group());
                    }
                }
            }
        }
        assertThat(missing).as("citations that name nothing in docs/" + document).isEmpty();
        return cited;
    }

    /**
     * The sections ({@code ## 4.} / {@code ### 4.8}), the numbered points of a section cited as §13.4, the ids of
     * table rows (constants K1 …, N1 …, differences D1 …, sources S1 …, T1 …) and the worked examples (E1 …, F1 …) of
     * a rules document.
     */
    static Set<String> anchorsOf(String rules) {
        Set<String> anchors = new TreeSet<>();
        Pattern heading = Pattern.compile("^#{2,3} (\\d+(?:\\.\\d+)?)[. ]");
        Pattern point = Pattern.compile("^(\\d+)\\. ");
        Pattern constant = Pattern.compile("^\\| ([A-Z]\\d+) \\|");
        Pattern example = Pattern.compile("^\\*\\*([A-Z]\\d+) —");
        String section = null;
        for (String line : rules.split("\n")) {
            Matcher m;
            if ((m = heading.matcher(line)).find()) {
                anchors.add("§" + m.group(1));
                if (line.startsWith("## ")) {
                    section = m.group(1);
                }
            } else if ((m = point.matcher(line)).find() && section != null) {
                anchors.add("§" + section + "." + m.group(1));
            } else if ((m = constant.matcher(line)).find()) {
                anchors.add(m.group(1));
            } else if ((m = example.matcher(line)).find()) {
                anchors.add(m.group(1));
            }
        }
        return anchors;
    }

    private static Path repositoryRoot() {
        return Manifests.k8sDir().getParent();
    }

    /** The tracked files (git ls-files); outside a git work tree, every file but build output and local state. */
    private static List<String> sourceFiles(Path root) throws IOException {
        if (Files.exists(root.resolve(".git"))) {
            return gitLsFiles(root);
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p))
                    .filter(p -> Stream.iterate(p, q -> q != null, Path::getParent)
                            .noneMatch(q -> NOT_SOURCES.contains(String.valueOf(q.getFileName()))))
                    .map(p -> p.toString().replace('\\', '/'))
                    .toList();
        }
    }

    private static List<String> gitLsFiles(Path root) {
        Process process;
        try {
            process = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z").redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("git cannot be run in " + root + " (" + e.getMessage() + ")", e);
        }
        try (InputStream in = process.getInputStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new AssertionError("git ls-files failed in " + root + ":\n" + out);
            }
            return Stream.of(out.split("\0")).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

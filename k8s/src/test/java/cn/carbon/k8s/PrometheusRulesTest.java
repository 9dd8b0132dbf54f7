package cn.carbon.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's alerts ({@code base/monitoring/alerts.yaml}): deployed by both overlays, each with a severity, a
 * summary and a runbook section that exists, and each tested by {@code promtool test rules} against the unit tests in
 * {@code src/test/promtool} (Debian's {@code prometheus} package; the test fails, never skips, without it).
 */
class PrometheusRulesTest {

    static final Path RULES = Manifests.k8sDir().resolve("base/monitoring/alerts.yaml");
    static final Path UNIT_TESTS = Manifests.k8sDir().resolve("src/test/promtool");

    private static JsonNode rule;

    @BeforeAll
    static void read() throws IOException {
        rule = Manifests.YAML.readTree(RULES.toFile());
    }

    static List<JsonNode> alerts() {
        List<JsonNode> alerts = new ArrayList<>();
        rule.path("spec").path("groups").forEach(g -> g.path("rules").forEach(r -> {
            if (r.has("alert")) {
                alerts.add(r);
            }
        }));
        return alerts;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyOverlayDeploysTheRulesWhereThePrometheusOperatorLooks(String overlay) {
        JsonNode deployed = Manifests.of(overlay).get("PrometheusRule", "carbon-platform");
        assertThat(deployed.path("metadata").path("labels").path("release").asText()).isEqualTo("kube-prometheus-stack");
        assertThat(deployed.path("spec")).isEqualTo(rule.path("spec"));
    }

    @Test
    void everyAlertHasASeveritySummaryAndARunbookSectionThatExists() throws IOException {
        String readme = Files.readString(Manifests.k8sDir().resolve("README.md"));
        Set<String> anchors = new HashSet<>();
        Matcher heading = Pattern.compile("(?m)^#{2,4} (.+)$").matcher(readme);
        while (heading.find()) {
            anchors.add(anchor(heading.group(1)));
        }
        List<JsonNode> alerts = alerts();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(12);
        SoftAssertions.assertSoftly(softly -> {
            for (JsonNode alert : alerts) {
                String name = alert.path("alert").asText();
                softly.assertThat(alert.path("labels").path("severity").asText()).as("%s severity", name)
                        .isIn("critical", "warning");
                softly.assertThat(alert.path("annotations").path("summary").asText()).as("%s summary", name).isNotBlank();
                String runbook = alert.path("annotations").path("runbook_url").asText();
                softly.assertThat(runbook).as("%s runbook", name).startsWith("k8s/README.md#runbook-");
                softly.assertThat(anchors).as("%s: README section %s", name, runbook)
                        .contains(runbook.substring(runbook.indexOf('#') + 1));
            }
        });
    }

    /** GitHub's anchor of a heading: lower case, spaces to dashes, punctuation dropped. */
    static String anchor(String heading) {
        return heading.trim().toLowerCase().replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    @Test
    void anchorsAreThoseOfTheRenderedReadme() {
        assertThat(anchor("Runbook: consumer lag")).isEqualTo("runbook-consumer-lag");
    }

    @Test
    void everyAlertHasAUnitTest() throws IOException {
        Set<String> tested = new HashSet<>();
        for (Path file : unitTests()) {
            JsonNode tests = Manifests.YAML.readTree(file.toFile());
            tests.path("tests").forEach(t -> t.path("alert_rule_test").forEach(a -> {
                if (!a.path("exp_alerts").isEmpty()) {
                    tested.add(a.path("alertname").asText());
                }
            }));
        }
        assertThat(tested).as("alerts a unit test sees firing")
                .containsAll(alerts().stream().map(a -> a.path("alert").asText()).toList());
    }

    @Test
    void promtoolPassesEveryUnitTest() throws Exception {
        Path dir = Path.of("target", "promtool").toAbsolutePath();
        Files.createDirectories(dir);
        // promtool reads plain rule groups: the PrometheusRule's spec (JSON is YAML)
        Files.writeString(dir.resolve("carbon-platform.rules.yaml"), Manifests.JSON.writeValueAsString(rule.path("spec")));
        List<String> command = new ArrayList<>(List.of(promtool(), "test", "rules"));
        for (Path test : unitTests()) {
            Path copy = dir.resolve(test.getFileName());
            Files.copy(test, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            command.add(copy.toString());
        }
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool cannot be run (" + e.getMessage() + "): the alert rules cannot be tested. "
                    + "Install it: `apt-get install -y --no-install-recommends prometheus` (.ci/run does), or point "
                    + "-Dcarbon.promtool=/path/to/promtool at one.", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("promtool finished").isTrue();
        assertThat(p.exitValue()).as("promtool test rules:\n%s", output).isZero();
        assertThat(output).contains("SUCCESS").doesNotContain("FAILED");
    }

    private static String promtool() {
        return System.getProperty("carbon.promtool", "promtool");
    }

    static List<Path> unitTests() throws IOException {
        try (Stream<Path> files = Files.list(UNIT_TESTS)) {
            List<Path> tests = files.filter(f -> f.getFileName().toString().endsWith(".test.yaml")).sorted().toList();
            assertThat(tests).as("promtool unit tests in %s", UNIT_TESTS).isNotEmpty();
            return tests;
        }
    }
}

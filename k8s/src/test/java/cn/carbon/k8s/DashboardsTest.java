package cn.carbon.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards: valid JSON, titled in Chinese then English, every panel querying Prometheus, and shipped by
 * both overlays in the ConfigMap the Grafana sidecar loads. (That every metric they use is exposed by a running service
 * is checked end to end: e2e's MetricNamesIT.)
 */
class DashboardsTest {

    static final List<String> DASHBOARDS = List.of("platform-health.json", "deadline-week.json");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"platform-health.json", "deadline-week.json"})
    void everyPanelQueriesPrometheus(String file) {
        JsonNode dashboard = Manifests.readJson(dir().resolve(file));
        assertThat(dashboard.path("uid").asText()).startsWith("carbon-");
        // zh-CN first, English second
        assertThat(dashboard.path("title").asText()).matches("^\\p{IsHan}.*[A-Za-z].*");
        assertThat(dashboard.path("panels")).hasSizeGreaterThanOrEqualTo(5);
        SoftAssertions.assertSoftly(softly -> dashboard.path("panels").forEach(panel -> {
            String title = panel.path("title").asText();
            softly.assertThat(title).as("panel title").matches("^\\p{IsHan}.*|^HTTP.*");
            softly.assertThat(panel.path("targets")).as("%s targets", title).isNotEmpty();
            panel.path("targets").forEach(t -> softly.assertThat(t.path("expr").asText()).as("%s expr", title).isNotBlank());
            softly.assertThat(panel.path("datasource").path("uid").asText()).as("%s datasource", title)
                    .isEqualTo("${datasource}");
        }));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void theOverlaysShipThemToTheGrafanaSidecar(String overlay) throws Exception {
        JsonNode map = Manifests.of(overlay).ofKind("ConfigMap").stream()
                .filter(m -> Manifests.name(m).startsWith("carbon-dashboards")).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no carbon-dashboards ConfigMap"));
        assertThat(map.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        for (String file : DASHBOARDS) {
            assertThat(Manifests.JSON.readTree(map.path("data").path(file).asText()))
                    .isEqualTo(Manifests.readJson(dir().resolve(file)));
        }
    }

    static Path dir() {
        Path dir = Manifests.k8sDir().resolve("base/monitoring/dashboards");
        assertThat(Files.isDirectory(dir)).as(dir.toString()).isTrue();
        return dir;
    }
}

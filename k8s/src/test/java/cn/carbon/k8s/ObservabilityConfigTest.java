package cn.carbon.k8s;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kubernetes profile the manifests switch on is the one every service configures: JSON logs and traces exported
 * by OTLP there, readable text and no traces on the local stack.
 */
class ObservabilityConfigTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void theManifestsRunTheKubernetesProfileWithATraceCollector(String overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(List.of(m.sharedConfig("QUARKUS_PROFILE").split(","))).as("%s: QUARKUS_PROFILE", overlay)
                .containsExactly("prod", "kubernetes");
        assertThat(m.sharedConfig("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")).as("%s: OTLP endpoint", overlay)
                .isEqualTo("http://opentelemetry-collector.monitoring:4317");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"allocation-service", "surrender-service", "offset-service", "risk-service", "gateway"})
    void jsonLogsAndTracesOnlyInTheKubernetesProfile(String service) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(
                Manifests.k8sDir().resolve("../" + service + "/src/main/resources/application.properties"))) {
            p.load(in);
        }
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(p.getProperty("quarkus.log.console.json.enabled")).as("text logs locally").isEqualTo("false");
            softly.assertThat(p.getProperty("%kubernetes.quarkus.log.console.json.enabled")).as("JSON logs").isEqualTo("true");
            softly.assertThat(p.getProperty("quarkus.otel.sdk.disabled")).as("no traces locally").isEqualTo("true");
            softly.assertThat(p.getProperty("%kubernetes.quarkus.otel.sdk.disabled")).as("traces").isEqualTo("false");
        });
    }
}

package cn.carbon.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric an alert rule or a Grafana dashboard of k8s/ reads is exposed by a running service: the names are
 * scraped from /q/metrics of the five services of the stack, so a renamed or forgotten metric fails here rather than
 * silently never alerting.
 */
class MetricNamesIT {

    /** Made by Prometheus itself, not by a service. */
    private static final Set<String> FROM_PROMETHEUS = Set.of("up");
    private static final List<String> SERVICES = List.of(
            "http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://127.0.0.1:8083", "http://127.0.0.1:8084",
            "http://127.0.0.1:8080");
    private static final Path K8S = Path.of(System.getProperty("carbon.k8s.dir", "../k8s"));
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{| )");

    @Test
    void everyMetricOfTheRulesAndDashboardsIsExposedByARunningService() throws Exception {
        Map<String, Set<String>> used = new TreeMap<>();
        Set<String> recorded = new HashSet<>();
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(K8S.resolve("base/monitoring/alerts.yaml").toFile());
        rules.path("spec").path("groups").forEach(g -> g.path("rules").forEach(r -> {
            if (r.has("record")) {
                recorded.add(r.path("record").asText());
            }
            String where = "rule " + (r.has("alert") ? r.path("alert").asText() : r.path("record").asText());
            PromQl.metricNames(r.path("expr").asText()).forEach(n -> used.computeIfAbsent(n, k -> new TreeSet<>()).add(where));
        }));
        try (Stream<Path> files = Files.list(K8S.resolve("base/monitoring/dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
                dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> PromQl.metricNames(t.path("expr").asText())
                        .forEach(n -> used.computeIfAbsent(n, k -> new TreeSet<>())
                                .add(file.getFileName() + ": " + p.path("title").asText()))));
            }
        }
        assertThat(used).as("metric names found in the rules and dashboards").hasSizeGreaterThanOrEqualTo(15);

        // a signal measured on a schedule (surrender-service's compliance shares, every minute) appears after its first
        // measurement with data: scrape again until nothing is missing, for up to two of those intervals
        Map<String, Set<String>> missing = Map.of();
        long until = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        do {
            if (!missing.isEmpty()) {
                Thread.sleep(5_000);
            }
            Set<String> exposed = scrapeAll();
            missing = new TreeMap<>();
            for (Map.Entry<String, Set<String>> use : used.entrySet()) {
                String name = use.getKey();
                if (!exposed.contains(name) && !recorded.contains(name) && !FROM_PROMETHEUS.contains(name)) {
                    missing.put(name, use.getValue());
                }
            }
        } while (!missing.isEmpty() && System.nanoTime() < until);
        assertThat(missing).as("metrics used by a rule or dashboard that no running service exposes").isEmpty();
    }

    /** The metric names the five services expose now. */
    private static Set<String> scrapeAll() throws Exception {
        Set<String> exposed = new HashSet<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String service : SERVICES) {
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create(service + "/q/metrics"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).as("%s/q/metrics", service).isEqualTo(200);
            Matcher m = SAMPLE.matcher(scrape.body());
            while (m.find()) {
                exposed.add(m.group(1));
            }
        }
        return exposed;
    }
}

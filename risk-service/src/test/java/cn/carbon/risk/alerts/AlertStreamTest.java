package cn.carbon.risk.alerts;

import cn.carbon.risk.Inputs;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

/** Alerts listed and streamed (SSE) to the entity's province, the exchange, the registry; other provinces see nothing. */
@QuarkusTest
class AlertStreamTest {

    @TestHTTPResource("/api/risk/alerts/stream")
    URL stream;

    /** Subscribes and collects the lines of the stream in the background. */
    private final List<Stream<String>> open = new CopyOnWriteArrayList<>();
    /** What went wrong in a reader before the test closed the streams: the test fails on any. */
    private final List<Throwable> readerErrors = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    List<String> subscribe(String token, HttpClient client) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream.toString()))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try {
                HttpResponse<Stream<String>> r = response.get(60, TimeUnit.SECONDS);
                open.add(r.body());
                lines.add("status:" + r.statusCode());
                r.body().forEach(lines::add);
            } catch (Exception | Error e) {
                if (!closing) {
                    readerErrors.add(e);
                }
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    @Test
    void anAlertReachesItsProvinceTheExchangeAndTheRegistryAndNoOtherProvince() {
        HttpClient client = HttpClient.newHttpClient();
        String uscc = TestUscc.next("440000");
        List<String> guangdongAlerts = new CopyOnWriteArrayList<>();
        try {
            List<String> guangdong = subscribe(Tokens.province("440000"), client);
            List<String> jiangsu = subscribe(Tokens.province("320000"), client);
            List<String> exchange = subscribe(Tokens.exchange(), client);
            List<String> registry = subscribe(Tokens.registry(), client);
            await().atMost(Duration.ofSeconds(60)).until(() -> guangdong.contains("status:200")
                    && jiangsu.contains("status:200") && exchange.contains("status:200") && registry.contains("status:200"));

            // positive controls instead of a sleep: alerts of both provinces are raised until every stream received one
            // of those meant for it, which proves each subscription is registered and delivering
            List<String> jiangsuAlerts = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(() -> {
                guangdongAlerts.add(raiseAlert("440000"));
                jiangsuAlerts.add(raiseAlert("320000"));
                return guangdongAlerts.stream().anyMatch(u -> contains(guangdong, u) && contains(exchange, u)
                        && contains(registry, u)) && jiangsuAlerts.stream().anyMatch(u -> contains(jiangsu, u));
            });

            Inputs.knownEntity(uscc, "440000");
            Inputs.obligation(uscc, "440000", 2021, 1_000_000); // no holdings: the whole obligation is a gap
            await().atMost(Duration.ofSeconds(60)).until(() -> contains(guangdong, uscc) && contains(exchange, uscc)
                    && contains(registry, uscc));
            String event = guangdong.stream().filter(l -> l.contains(uscc)).findFirst().orElseThrow();
            assertThat(event).startsWith("data:").contains("\"level\":\"HIGH\"").contains("\"previousLevel\":\"LOW\"");
            // Guangdong's alert was broadcast (Guangdong has it); one of Jiangsu raised after it reaching Jiangsu's
            // stream proves that stream had its turn at everything before, so Guangdong's absence there is real
            String after = raiseAlert("320000");
            await().atMost(Duration.ofSeconds(60)).until(() -> contains(jiangsu, after));
            assertThat(jiangsu.stream().filter(l -> l.startsWith("data:"))).isNotEmpty()
                    .allSatisfy(l -> assertThat(l).contains("\"provinceCode\":\"320000\""));
            assertThat(contains(jiangsu, uscc)).isFalse();
            guangdongAlerts.forEach(u -> assertThat(contains(jiangsu, u)).as("Jiangsu saw %s", u).isFalse());
            assertThat(guangdong.stream().filter(l -> l.startsWith("data:")))
                    .allSatisfy(l -> assertThat(l).contains("\"provinceCode\":\"440000\""));
            assertThat(readerErrors).isEmpty();
        } finally {
            closing = true;
            open.forEach(Stream::close);
        }

        given().auth().oauth2(Tokens.province("440000")).queryParam("since", "2000-01-01T00:00:00Z")
                .get("/api/risk/alerts").then().statusCode(200)
                .body("items.uscc", hasItem(uscc))
                .body("items.provinceCode", everyItem(equalTo("440000")));
        given().auth().oauth2(Tokens.exchange()).queryParam("province", "440000").get("/api/risk/alerts").then()
                .statusCode(200).body("items.uscc", hasItem(uscc));
        given().auth().oauth2(Tokens.province("320000")).get("/api/risk/alerts").then().statusCode(200)
                .body("items.provinceCode", everyItem(equalTo("320000")));
    }

    /** A new entity of {@code province} whose whole obligation is a gap: it goes from LOW to HIGH, one alert. */
    private static String raiseAlert(String province) {
        String uscc = TestUscc.next(province);
        Inputs.knownEntity(uscc, province);
        Inputs.obligation(uscc, province, 2021, 1_000_000);
        return uscc;
    }

    private static boolean contains(List<String> lines, String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }
}

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

    List<String> subscribe(String token, HttpClient client) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream.toString()))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try {
                HttpResponse<Stream<String>> r = response.get(30, TimeUnit.SECONDS);
                open.add(r.body());
                lines.add("status:" + r.statusCode());
                r.body().forEach(lines::add);
            } catch (Exception ignored) {
                // the client is closed at the end of the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    @Test
    void anAlertReachesItsProvinceTheExchangeAndTheRegistryAndNoOtherProvince() throws Exception {
        String uscc = TestUscc.next("440000");
        Inputs.knownEntity(uscc, "440000");
        HttpClient client = HttpClient.newHttpClient();
        try {
            List<String> guangdong = subscribe(Tokens.province("440000"), client);
            List<String> jiangsu = subscribe(Tokens.province("320000"), client);
            List<String> exchange = subscribe(Tokens.exchange(), client);
            List<String> registry = subscribe(Tokens.registry(), client);
            await().atMost(Duration.ofSeconds(10)).until(() -> guangdong.contains("status:200")
                    && jiangsu.contains("status:200") && exchange.contains("status:200") && registry.contains("status:200"));
            Thread.sleep(500); // the subscriptions are registered once the response started

            Inputs.obligation(uscc, "440000", 2021, 1_000_000); // no holdings: the whole obligation is a gap
            await().atMost(Duration.ofSeconds(30)).until(() -> contains(guangdong, uscc) && contains(exchange, uscc)
                    && contains(registry, uscc));
            String event = guangdong.stream().filter(l -> l.contains(uscc)).findFirst().orElseThrow();
            assertThat(event).startsWith("data:").contains("\"level\":\"HIGH\"").contains("\"previousLevel\":\"LOW\"");
            Thread.sleep(1000);
            assertThat(contains(jiangsu, uscc)).isFalse();
        } finally {
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

    private static boolean contains(List<String> lines, String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }
}

package cn.carbon.allocation;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** What the API tests of the allocation do again and again: entities, unit data, runs, events. */
public final class Fixtures {

    public static final String CYCLE = "2021-2022";
    public static final String BASE = "/api/allocation";
    public static final String HEADER = "uscc,unit_id,year,category,cooling,capacity_mw,power_supply_mwh,heat_supply_gj,"
            + "heat_ratio,load_factor,verified_emissions_t";

    private Fixtures() {
    }

    /**
     * A shipped rulebook of one compliance year ({@code year}) moved to a year of the calling test's own (from
     * {@code from}, at random within 800 years, so that tests never share a cycle), edited, and uploaded as the
     * registry; returns that year, which is also the cycle's name.
     */
    public static int ownYear(String shippedFile, String year, int from, UnaryOperator<String> edit) {
        int own = from + ThreadLocalRandom.current().nextInt(800);
        String book = new String(ShippedRulebooks.bytes(ShippedRulebooks.FOLDER + shippedFile), StandardCharsets.UTF_8)
                .replace(year, String.valueOf(own));
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON).body(edit.apply(book))
                .put(BASE + "/cycles/" + own + "/rulebook").then().statusCode(201);
        return own;
    }

    /** A newly registered entity of {@code province}. */
    public static String entity(String province) {
        String uscc = TestUscc.next(province);
        given().auth().oauth2(Tokens.registry()).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "name", "Power " + uscc, "provinceCode", province, "sector", "POWER"))
                .post(BASE + "/entities").then().statusCode(201);
        return uscc;
    }

    /**
     * A pure-condensing, water-cooled unit of category COAL_ABOVE_300MW at load 0.90 (Ff = 1):
     * A(2021) = 0.8218 × MWh, A(2022) = 0.8177 × MWh.
     */
    public static String coalRow(String uscc, String unit, int year, long mwh, long emissionsT) {
        return String.join(",", uscc, unit, String.valueOf(year), "COAL_ABOVE_300MW", "WATER", "600",
                String.valueOf(mwh), "0", "0", "0.90", String.valueOf(emissionsT));
    }

    public static String csv(String... rows) {
        return HEADER + "\n" + String.join("\n", rows) + "\n";
    }

    public static Response importUnits(String token, String csv) {
        return given().auth().oauth2(token).contentType("text/csv").body(csv)
                .post(BASE + "/cycles/" + CYCLE + "/units:import");
    }

    public static void importOk(String province, String... rows) {
        importUnits(Tokens.province(province), csv(rows)).then().statusCode(200);
    }

    public static void status(String province, String uscc, String status, List<String> reasons) {
        given().auth().oauth2(Tokens.province(province)).contentType(ContentType.JSON)
                .body(Map.of("status", status, "reasons", reasons, "why", "test: " + status))
                .put(BASE + "/entities/" + uscc + "/status").then().statusCode(200);
    }

    /** Runs {@code pre-allocation} or {@code verification} for a province and waits for the job to finish. */
    public static JsonPath run(String kind, String province) {
        String id = given().auth().oauth2(Tokens.province(province))
                .post(BASE + "/cycles/" + CYCLE + "/" + kind).then().statusCode(202).extract().path("id");
        return awaitJob(Tokens.province(province), id);
    }

    /** The job once finished, which must have SUCCEEDED. */
    public static JsonPath awaitJob(String token, String id) {
        JsonPath job = awaitFinished(token, id);
        assertThat(job.getString("status")).as("job %s: %s", id, job.prettify()).isEqualTo("SUCCEEDED");
        return job;
    }

    /** The job once it is neither QUEUED nor RUNNING, whatever it ended with. */
    public static JsonPath awaitFinished(String token, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath job = given().auth().oauth2(token).get(BASE + "/jobs/" + id).then().statusCode(200)
                    .extract().jsonPath();
            String status = job.getString("status");
            if (!"QUEUED".equals(status) && !"RUNNING".equals(status)) {
                return job;
            }
            sleep(100);
        }
        throw new AssertionError("job " + id + " did not finish within 60 s");
    }

    /** The entity's events on {@code topic}, waiting until at least {@code atLeast} arrived (then a short quiet). */
    public static List<EventEnvelope> events(String topic, String uscc, int atLeast) {
        AtomicInteger seen = new AtomicInteger();
        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(topic, Duration.ofSeconds(15),
                r -> uscc.equals(r.key()) && seen.incrementAndGet() >= atLeast);
        List<EventEnvelope> out = new ArrayList<>();
        records.stream().filter(r -> uscc.equals(r.key())).forEach(r -> out.add(KafkaTestClient.envelope(r)));
        return out;
    }

    /** Every event of the entity on the topic, after a quiet period (to show that nothing more came). */
    public static List<EventEnvelope> allEvents(String topic, String uscc) {
        return KafkaTestClient.readAll(topic, Duration.ofSeconds(3)).stream().filter(r -> uscc.equals(r.key()))
                .map(KafkaTestClient::envelope).toList();
    }

    /**
     * As {@link cn.carbon.testing.BadTokens#assertAllRefused} for an endpoint that consumes a body: no token and every
     * bad token get 401 (the body is well-formed, so that the media type is not what refuses it).
     */
    public static void refusedWithBody(String method, String path, String role, String contentType, String body) {
        given().contentType(contentType).body(body).request(method, path).then().statusCode(401)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
        cn.carbon.testing.BadTokens.all(role).forEach((name, token) -> {
            int status = given().auth().oauth2(token).contentType(contentType).body(body).request(method, path)
                    .then().extract().statusCode();
            if (status != 401) {
                throw new AssertionError(name + " token on " + method + " " + path + " answered " + status + ", not 401");
            }
        });
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

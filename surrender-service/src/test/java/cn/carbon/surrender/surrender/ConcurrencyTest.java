package cn.carbon.surrender.surrender;

import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Commands racing on one account serialize on its row lock: never an overdraft, never a lost or doubled entry. */
@QuarkusTest
class ConcurrencyTest {

    @Inject
    Fixture fixture;

    @BeforeEach
    void beforeTheDeadline() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
    }

    record Outcome(boolean surrender, int status, String body) {
    }

    @Test
    void fiftyConcurrentSurrendersAndSettlementsOnOneAccountNeverOverdraw() throws Exception {
        String entity = fixture.entity("330000");
        String buyer = fixture.entity("340000");
        fixture.issue(entity, 2021, "2021", 1_000);
        fixture.obligation(entity, 2021, 1_000_000);
        String entityToken = Tokens.entity(entity);
        String exchangeToken = Tokens.exchange();
        long each = 30; // 50 × 30 = 1,500 asked of 1,000 held: some must be refused

        List<Callable<Outcome>> commands = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            boolean surrender = i % 2 == 0;
            commands.add(() -> {
                Response r = surrender
                        ? given().auth().oauth2(entityToken).contentType(ContentType.JSON)
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .body(Map.of("uscc", entity, "complianceYear", 2021,
                                "lines", List.of(Map.of("vintage", "2021", "quantityT", each))))
                        .post("/api/surrender/surrenders")
                        : given().auth().oauth2(exchangeToken).contentType(ContentType.JSON)
                        .body(Map.of("tradeId", "C-" + UUID.randomUUID(), "sellerUscc", entity, "buyerUscc", buyer,
                                "vintage", "2021", "quantityT", each))
                        .post("/api/surrender/settlements");
                return new Outcome(surrender, r.statusCode(), r.asString());
            });
        }
        List<Outcome> outcomes = race(commands);

        assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).as(o.body()).isIn(201, 422));
        assertThat(outcomes.stream().filter(o -> o.status() == 422))
                .allSatisfy(o -> assertThat(o.body()).contains("insufficient-holdings"));
        long surrendered = outcomes.stream().filter(o -> o.surrender() && o.status() == 201).count() * each;
        long sold = outcomes.stream().filter(o -> !o.surrender() && o.status() == 201).count() * each;
        assertThat(surrendered + sold).isEqualTo(990); // 33 acknowledged: every tonne that could go, went
        assertThat(fixture.held(entity, "2021")).isEqualTo(1_000 - surrendered - sold).isNotNegative();
        assertThat(fixture.held(buyer, "2021")).isEqualTo(sold);
        assertThat(fixture.count("select surrendered_t from compliance_record where uscc = ?1 and compliance_year = 2021",
                entity)).isEqualTo(surrendered);
        assertThat(fixture.count("select count(*) from ledger_transaction where uscc = ?1", entity))
                .isEqualTo(1 + (surrendered + sold) / each);
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/ledger/reconciliation").then().statusCode(200)
                .body("passed", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void twentyConcurrentRetriesWithOneIdempotencyKeyMakeOneEntry() throws Exception {
        String entity = fixture.entity("330000");
        fixture.issue(entity, 2021, "2021", 1_000);
        fixture.obligation(entity, 2021, 1_000);
        String token = Tokens.entity(entity);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("uscc", entity, "complianceYear", 2021,
                "lines", List.of(Map.of("vintage", "2021", "quantityT", 100)));
        List<Callable<Outcome>> retries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            retries.add(() -> {
                Response r = given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                        .body(body).post("/api/surrender/surrenders");
                return new Outcome(true, r.statusCode(), r.asString());
            });
        }
        List<Outcome> outcomes = race(retries);

        assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).as(o.body()).isEqualTo(201));
        assertThat(outcomes.stream().map(o -> io.restassured.path.json.JsonPath.from(o.body()).getString("surrenderId"))
                .distinct()).hasSize(1);
        assertThat(fixture.count("select count(*) from ledger_transaction where uscc = ?1 and kind = 'SURRENDER'", entity))
                .isOne();
        assertThat(fixture.held(entity, "2021")).isEqualTo(900);
    }

    private static List<Outcome> race(List<Callable<Outcome>> commands) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(commands.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Callable<Outcome> c : commands) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}

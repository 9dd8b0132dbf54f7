package cn.carbon.e2e;

import cn.carbon.testing.TestUscc;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static cn.carbon.e2e.Caller.ANONYMOUS;
import static cn.carbon.e2e.Caller.ENTITY_OTHER;
import static cn.carbon.e2e.Caller.ENTITY_OWN;
import static cn.carbon.e2e.Caller.EXCHANGE;
import static cn.carbon.e2e.Caller.MINISTRY;
import static cn.carbon.e2e.Caller.OWN_ENTITY;
import static cn.carbon.e2e.Caller.PROVINCE_OTHER;
import static cn.carbon.e2e.Caller.PROVINCE_OWN;
import static cn.carbon.e2e.Caller.REGISTRY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint × every caller through the gateway with real Keycloak tokens, expected status per cell; forged
 * tokens; fields a caller doesn't own. Prints the matrix size and how many cells passed.
 */
class SecurityMatrixIT {

    static final String GATEWAY = System.getProperty("carbon.gateway", "http://127.0.0.1:8080");
    /** Every test's failures, for the summary only: each test asserts on its own list, never on another's. */
    static final List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    static int cells;

    /**
     * One row: a request and what each caller must get, in the order registry, ministry, own province, other province,
     * own entity, other entity, exchange, anonymous; a cell may allow alternatives ("400|422": refused by validation,
     * since commands are sent with a body no one may carry out, so that the matrix changes nothing).
     */
    record Endpoint(String method, String path, String contentType, Supplier<String> body, Map<Caller, String> expected) {
    }

    static Endpoint row(String method, String path, String body, String cells) {
        return row(method, path, "application/json", body == null ? null : () -> body, cells);
    }

    static Endpoint row(String method, String path, String contentType, Supplier<String> body, String cells) {
        String[] statuses = cells.trim().split("\\s+");
        Caller[] callers = Caller.values();
        if (statuses.length != callers.length) {
            throw new IllegalArgumentException(path + ": " + statuses.length + " cells for " + callers.length + " callers");
        }
        Map<Caller, String> m = new EnumMap<>(Caller.class);
        for (int i = 0; i < callers.length; i++) {
            m.put(callers[i], statuses[i]);
        }
        return new Endpoint(method, path, contentType, body, m);
    }

    static List<Endpoint> endpoints() {
        String own = OWN_ENTITY;
        String cycle = "/cycles/2021-2022";
        String bad = "{}";
        String badLate = "{\"lateReason\": 7}"; // refused (400) before anything is recorded
        //                                                     reg  min  provO provX entO entX exch anon
        return List.of(
                // allocation-service
                row("GET", "/api/allocation/entities?province=320000", null, "200 200 200 404 403 403 403 401"),
                row("GET", "/api/allocation/entities/" + own, null, "200 200 200 404 200 404 403 401"),
                row("GET", "/api/allocation/entities/" + own + "/status-history", null, "200 200 200 404 200 404 403 401"),
                row("POST", "/api/allocation/entities", "application/json", () -> "{\"uscc\":\"" + TestUscc.next("320000")
                        + "\",\"name\":\"Matrix entity\",\"provinceCode\":\"320000\"}", "201 403 201 404 403 403 403 401"),
                // a USCC another province holds: unknown to the own province (404, as reading it), never "already registered"
                row("POST", "/api/allocation/entities", "{\"uscc\":\"" + Caller.OTHER_ENTITY
                        + "\",\"name\":\"Held elsewhere\",\"provinceCode\":\"320000\"}", "409 403 404 404 403 403 403 401"),
                // paging out of bounds: 400 naming the field, never an overflow (security checks may come first)
                row("GET", "/api/allocation/entities?province=320000&page=5000000&size=500", null, "400 400 400 400 403|400 403|400 403|400 401"),
                row("GET", "/api/surrender/accounts/" + own + "/transactions?page=5000000&size=500", null, "400 400 400 400|404 400 400|404 403|400 401"),
                row("GET", "/api/offsets/ccer-lots?page=99999999999", null, "400 400 400 400 400 400 403|400 401"),
                row("GET", "/api/risk/alerts?province=320000&page=5000000&size=500", null, "400 400 400 400|404 403|400 403|400 400 401"),
                row("PUT", "/api/allocation/entities/" + own + "/status", bad, "403 403 400|422 404 403 403 403 401"),
                row("GET", "/api/allocation" + cycle + "/rulebook", null, "200 200 200 200 200 200 200 401"),
                row("PUT", "/api/allocation" + cycle + "/rulebook", bad, "400|422 403 403 403 403 403 403 401"),
                row("GET", "/api/allocation/cycles/2023/rulebook/versions/1/provisional-confirmations", null,
                        "200 200 200 200 403 403 403 401"),
                // a confirmation without its note: refused (400) before anything is recorded
                row("POST", "/api/allocation/cycles/2023/rulebook/versions/1/provisional-confirmations", bad,
                        "400 403 403 403 403 403 403 401"),
                row("POST", "/api/allocation" + cycle + "/units:import", "text/csv", () -> "not,the,header\n",
                        "400|422 403 400|422 400|422 403 403 403 401"),
                row("GET", "/api/allocation" + cycle + "/entities/" + own + "/allocation", null, "200 200 200 404 200 404 403 401"),
                row("POST", "/api/allocation" + cycle + "/entities/" + own + "/years/2022/no-emissions", bad, "400|422 403 400|422 404 403 403 403 401"),
                row("GET", "/api/allocation" + cycle + "/tables/issuance-summary?province=320000", null, "200 200 200 404 403 403 403 401"),
                row("GET", "/api/allocation" + cycle + "/tables/special-list?province=320000", null, "200 200 200 404 403 403 403 401"),
                row("GET", "/api/allocation" + cycle + "/tables/unit-allowances?province=320000&year=2021", null, "200 200 200 404 403 403 403 401"),
                row("POST", "/api/allocation" + cycle + "/borrowing-applications", bad, "403 403 403 403 400|422 400|422 403 401"),
                row("POST", "/api/allocation/borrowing-applications/no-such-application/decision", bad, "403 403 400|404 400|404 403 403 403 401"),
                row("POST", "/api/allocation" + cycle + "/relief-applications", bad, "403 403 400|422 400|422 403 403 403 401"),
                row("POST", "/api/allocation/relief-applications/no-such-application/decision", bad, "403 400|404 403 403 403 403 403 401"),
                row("GET", "/api/allocation" + cycle + "/deadlines?province=320000", null, "200 200 200 404 403 403 403 401"),
                row("POST", "/api/allocation" + cycle + "/table-submissions?province=320000", badLate, "400 403 400 404 403 403 403 401"),
                row("POST", "/api/allocation" + cycle + "/entities/" + own + "/compliance-notice/send", badLate, "400 403 400 404 403 403 403 401"),
                row("POST", "/api/allocation" + cycle + "/entities/" + own + "/compliance-notice/acknowledge", null, "403 403 403 403 200|409 404 403 401"),
                row("GET", "/api/allocation" + cycle + "/entities/" + own + "/carry-over", null, "200 200 200 404 200 404 403 401"),
                row("GET", "/api/allocation" + cycle + "/carry-over?province=320000", null, "200 200 200 404 403 403 403 401"),
                row("GET", "/api/allocation" + cycle + "/entities/" + own + "/penalty-case", null, "200 200 200 404 200 404 403 401"),
                row("POST", "/api/allocation" + cycle + "/entities/" + own + "/penalty-case/correction-order", bad, "403 403 400|409 404 403 403 403 401"),
                row("POST", "/api/allocation" + cycle + "/entities/" + own + "/penalty-case/fine", bad, "403 403 400|409 404 403 403 403 401"),
                row("GET", "/api/allocation/jobs/no-such-job", null, "404 404 404 404 403 403 403 401"),
                row("GET", "/api/allocation/jobs?province=320000", null, "200 200 200 404 403 403 403 401"),
                row("GET", "/api/allocation/audit/verification", null, "200 403 403 403 403 403 403 401"),
                row("GET", "/api/allocation/dead-letters", null, "200 403 403 403 403 403 403 401"),
                row("GET", "/api/allocation/admin/clock", null, "200 403 403 403 403 403 403 401"),
                // surrender-service
                row("GET", "/api/surrender/accounts/" + own, null, "200 200 200 404 200 404 403 401"),
                row("GET", "/api/surrender/accounts/" + own + "/transactions", null, "200 200 200 404 200 404 403 401"),
                row("GET", "/api/surrender/compliance/" + own + "?cycle=2021-2022", null, "200 200 200 404 200 404 403 401"),
                row("GET", "/api/surrender/compliance?cycle=2021-2022&province=320000", null, "200 200 200 404 403 403 403 401"),
                row("GET", "/api/surrender/cycles/2024/carry-over-caps?province=320000", null,
                        "200 200 200 404 403 403 403 401"),
                row("GET", "/api/surrender/cycles/2024/entities/" + own + "/carry-over-cap", null,
                        "200 200 200 404 200 404 403 401"),
                row("POST", "/api/surrender/settlements", bad, "403 403 403 403 403 403 400|422 401"),
                row("POST", "/api/surrender/surrenders", bad, "403 403 403 403 400|422 400|422 403 401"),
                row("POST", "/api/surrender/forced-surrenders", bad, "403 403 400|422 400|422 403 403 403 401"),
                row("POST", "/api/surrender/forced-surrenders/999999/execute", null, "404 403 403 403 403 403 403 401"),
                row("POST", "/api/surrender/late-compliance-requests", bad, "403 403 403 403 400|422 400|422 403 401"),
                row("POST", "/api/surrender/late-compliance-requests/999999/confirm", null, "403 403 404 404 403 403 403 401"),
                // the lists: an entity reads its own whatever province it names
                row("GET", "/api/surrender/forced-surrenders?province=320000", null, "200 200 200 404 200 200 403 401"),
                row("GET", "/api/surrender/late-compliance-requests?province=320000", null, "200 200 200 404 200 200 403 401"),
                row("GET", "/api/surrender/accounts/" + own + "/freezes", null, "200 200 200 404 200 404 403 401"),
                row("POST", "/api/surrender/accounts/" + own + "/freezes", bad, "400 403 403 403 403 403 403 401"),
                row("POST", "/api/surrender/freezes/00000000-0000-0000-0000-000000000000/approve", null, "404 403 403 403 403 403 403 401"),
                row("POST", "/api/surrender/freezes/00000000-0000-0000-0000-000000000000/release", bad, "400|404 403 403 403 403 403 403 401"),
                row("POST", "/api/surrender/freezes/00000000-0000-0000-0000-000000000000/release/approve", null, "404 403 403 403 403 403 403 401"),
                row("GET", "/api/surrender/freezes/00000000-0000-0000-0000-000000000000", null, "404 404 404 404 404 404 403 401"),
                row("GET", "/api/surrender/ledger/reconciliation", null, "200 403 403 403 403 403 403 401"),
                row("GET", "/api/surrender/ledger/vintages", null, "200 403 403 403 403 403 403 401"),
                row("GET", "/api/surrender/certificates/LYZM-2021-999999", null, "404 404 404 404 404 404 403 401"),
                // the public verification: the same 200 for an id nobody issued (verdict UNKNOWN); GET/HEAD only —
                // any other method without a token never reaches the service, with one it is not allowed
                row("GET", "/api/surrender/certificates/LYZM-2021-999999/verification", null, "200 200 200 200 200 200 200 200"),
                row("HEAD", "/api/surrender/certificates/LYZM-2021-999999/verification", null, "200 200 200 200 200 200 200 200"),
                row("POST", "/api/surrender/certificates/LYZM-2021-999999/verification", bad, "405 405 405 405 405 405 405 401"),
                row("PUT", "/api/surrender/certificates/LYZM-2021-999999/verification", bad, "405 405 405 405 405 405 405 401"),
                row("DELETE", "/api/surrender/certificates/LYZM-2021-999999/verification", null, "405 405 405 405 405 405 405 401"),
                row("GET", "/api/surrender/certificates/keys", null, "200 200 200 200 200 200 200 200"),
                row("POST", "/api/surrender/certificates/keys", bad, "405 405 405 405 405 405 405 401"),
                // the public annual compliance report: anyone reads it, nobody writes to it
                row("GET", "/api/surrender/public/compliance-report?year=2021", null, "200 200 200 200 200 200 200 200"),
                row("HEAD", "/api/surrender/public/compliance-report", null, "200 200 200 200 200 200 200 200"),
                row("POST", "/api/surrender/public/compliance-report", bad, "405 405 405 405 405 405 405 401"),
                row("GET", "/api/surrender/audit/verification", null, "200 403 403 403 403 403 403 401"),
                row("GET", "/api/surrender/dead-letters", null, "200 403 403 403 403 403 403 401"),
                // offset-service
                row("GET", "/api/offsets/entities/" + own + "/headroom?cycle=2021-2022&complianceYear=2021", null,
                        "200|409 200|409 200|409 404 200|409 404 403 401"),
                row("GET", "/api/offsets/ccer-lots?uscc=" + own, null, "200 200 200 200|404 200 200|404 403 401"),
                row("POST", "/api/offsets/ccer-lots", bad, "400|422 403 403 403 403 403 403 401"),
                row("POST", "/api/offsets/applications", bad, "403 403 403 403 400|422 400|422 403 401"),
                row("POST", "/api/offsets/applications/no-such-application/review", bad, "403 403 404 404 403 403 403 401"),
                row("POST", "/api/offsets/applications/no-such-application/confirm", null, "404 403 403 403 403 403 403 401"),
                row("GET", "/api/offsets" + cycle + "/rulebook", null, "200 200 200 200 200 200 200 401"),
                row("GET", "/api/offsets/audit/verification", null, "200 403 403 403 403 403 403 401"),
                row("GET", "/api/offsets/dead-letters", null, "200 403 403 403 403 403 403 401"),
                // risk-service
                row("GET", "/api/risk/entities/" + own + "?cycle=2021-2022", null, "200 200 200 404 200 404 200 401"),
                row("GET", "/api/risk/alerts?province=320000", null, "200 200 200 404 403 403 200 401"),
                // a week without a feed is 404 to those who may see the province
                row("GET", "/api/risk/provinces/320000/weekly-reports?week=2023-12-04", null, "200|404 200|404 200|404 404 403 403 403 401"),
                row("POST", "/api/risk/net-purchase-feeds", "text/csv", () -> "not,the,header\n", "403 403 403 403 403 403 400|422 401"),
                row("GET", "/api/risk/audit/verification", null, "200 403 403 403 403 403 403 401"),
                row("GET", "/api/risk/dead-letters", null, "200 403 403 403 403 403 403 401"));
    }

    @BeforeAll
    static void gatewayIsUp() {
        RestAssured.baseURI = GATEWAY;
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void everyEndpointTimesEveryCaller() {
        List<String> failures = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            for (Map.Entry<Caller, String> cell : e.expected().entrySet()) {
                cells++;
                int status = call(e, cell.getKey().token()).statusCode();
                if (!List.of(cell.getValue().split("\\|")).contains(Integer.toString(status))) {
                    failures.add(e.method() + " " + e.path() + " as " + cell.getKey() + ": " + status
                            + ", expected " + cell.getValue());
                }
            }
        }
        reported.addAll(failures);
        assertThat(failures).isEmpty();
    }

    @Test
    void forgedTokensAre401Everywhere() {
        String genuine = Keycloak.user("jiangsu.officer");
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("expired", expired());
        forged.put("wrong issuer", Keycloak.otherIssuer());
        forged.put("wrong audience", Keycloak.fromTestClient("e2e-no-audience", false, 300, "jiangsu.officer"));
        forged.put("alg=none", Keycloak.unsigned(genuine));
        forged.put("unknown kid", Keycloak.unknownKey(genuine));
        forged.put("tampered signature", Keycloak.tampered(genuine));
        List<String> local = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if ((e.path().endsWith("/verification") || e.path().endsWith("/certificates/keys")
                    || e.path().contains("/public/"))
                    && List.of("GET", "HEAD").contains(e.method())) {
                continue; // the public reads: no token is needed, so none is refused
            }
            for (Map.Entry<String, String> f : forged.entrySet()) {
                cells++;
                int status = call(e, f.getValue()).statusCode();
                if (status != 401) {
                    local.add(e.method() + " " + e.path() + " with " + f.getKey() + " token: " + status);
                }
            }
        }
        reported.addAll(local);
        assertThat(local).isEmpty();
    }

    @Test
    void fieldsTheCallerDoesNotOwnAreIgnoredOrRefused() {
        List<String> failures = new ArrayList<>();
        String uscc = TestUscc.next("320000");
        // status is not the registrant's to set: a new entity is OPERATING whatever the body says
        cells++;
        Response created = RestAssured.given().auth().oauth2(PROVINCE_OWN.token()).contentType("application/json")
                .body("{\"uscc\":\"" + uscc + "\",\"name\":\"Sets status\",\"provinceCode\":\"320000\",\"status\":\"DISSOLVED\"}")
                .post("/api/allocation/entities");
        if (created.statusCode() != 201 || !"OPERATING".equals(created.jsonPath().getString("status"))) {
            failures.add("status set by the registrant: " + created.statusCode() + " " + created.asString());
        }
        // the province is the caller's own: another is refused
        cells++;
        int other = RestAssured.given().auth().oauth2(PROVINCE_OWN.token()).contentType("application/json")
                .body("{\"uscc\":\"" + TestUscc.next("440000") + "\",\"name\":\"x\",\"provinceCode\":\"440000\"}")
                .post("/api/allocation/entities").statusCode();
        if (other != 404) {
            failures.add("province set to another: " + other);
        }
        reported.addAll(failures);
        assertThat(failures).isEmpty();
    }

    @AfterAll
    static void report() {
        System.out.printf("security matrix: %d cells, %d passed, %d failed%n", cells, cells - reported.size(),
                reported.size());
        reported.forEach(f -> System.out.println("  FAILED " + f));
    }

    private static String expired() {
        String token = Keycloak.fromTestClient("e2e-short-lived", true, 1, "jiangsu.officer");
        try {
            Thread.sleep(2500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return token;
    }

    private static Response call(Endpoint e, String token) {
        RequestSpecification r = RestAssured.given();
        if (token != null) {
            r = r.auth().oauth2(token);
        }
        if (e.body() != null) {
            r = r.contentType(e.contentType()).body(e.body().get());
        }
        return r.request(e.method(), e.path());
    }
}

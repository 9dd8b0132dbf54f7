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
    static final List<String> failures = new ArrayList<>();
    static int cells;

    /** One row: a request and the status each caller must get. */
    record Endpoint(String method, String path, Supplier<String> body, Map<Caller, Integer> expected) {
    }

    static Map<Caller, Integer> expect(int registry, int ministry, int provinceOwn, int provinceOther, int entityOwn,
                                       int entityOther, int exchange) {
        Map<Caller, Integer> m = new EnumMap<>(Caller.class);
        m.put(REGISTRY, registry);
        m.put(MINISTRY, ministry);
        m.put(PROVINCE_OWN, provinceOwn);
        m.put(PROVINCE_OTHER, provinceOther);
        m.put(ENTITY_OWN, entityOwn);
        m.put(ENTITY_OTHER, entityOther);
        m.put(EXCHANGE, exchange);
        m.put(ANONYMOUS, 401);
        return m;
    }

    static List<Endpoint> endpoints() {
        String own = OWN_ENTITY;
        return List.of(
                new Endpoint("GET", "/api/allocation/entities?province=320000", null,
                        expect(200, 200, 200, 404, 403, 403, 403)),
                new Endpoint("GET", "/api/allocation/entities/" + own, null,
                        expect(200, 200, 200, 404, 200, 404, 403)),
                new Endpoint("POST", "/api/allocation/entities", () -> "{\"uscc\":\"" + TestUscc.next("320000")
                        + "\",\"name\":\"Matrix entity\",\"provinceCode\":\"320000\"}",
                        expect(201, 403, 201, 404, 403, 403, 403)),
                new Endpoint("GET", "/api/allocation/audit/verification", null,
                        expect(200, 403, 403, 403, 403, 403, 403)),
                new Endpoint("GET", "/api/surrender/accounts/" + own, null,
                        expect(200, 200, 200, 404, 200, 404, 403)));
    }

    @BeforeAll
    static void gatewayIsUp() {
        RestAssured.baseURI = GATEWAY;
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void everyEndpointTimesEveryCaller() {
        for (Endpoint e : endpoints()) {
            for (Map.Entry<Caller, Integer> cell : e.expected().entrySet()) {
                cells++;
                int status = call(e, cell.getKey().token()).statusCode();
                if (status != cell.getValue()) {
                    failures.add(e.method() + " " + e.path() + " as " + cell.getKey() + ": " + status
                            + ", expected " + cell.getValue());
                }
            }
        }
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
            for (Map.Entry<String, String> f : forged.entrySet()) {
                cells++;
                int status = call(e, f.getValue()).statusCode();
                if (status != 401) {
                    local.add(e.method() + " " + e.path() + " with " + f.getKey() + " token: " + status);
                }
            }
        }
        failures.addAll(local);
        assertThat(local).isEmpty();
    }

    @Test
    void fieldsTheCallerDoesNotOwnAreIgnoredOrRefused() {
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
        assertThat(failures).isEmpty();
    }

    @AfterAll
    static void report() {
        System.out.printf("security matrix: %d cells, %d passed, %d failed%n", cells, cells - failures.size(),
                failures.size());
        failures.forEach(f -> System.out.println("  FAILED " + f));
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
            r = r.contentType("application/json").body(e.body().get());
        }
        return r.request(e.method(), e.path());
    }
}

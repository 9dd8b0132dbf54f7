package cn.carbon.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed requests to every operation of each service's own OpenAPI document, through the gateway, with a token of
 * each role: bodies of the wrong types, huge numbers, NUL and control characters, 100 kB strings and no JSON at all;
 * nonsense query values and paging. Not one answer may be a 5xx, and every 4xx must be a problem+json. Every body is
 * malformed in each of its fields, so nothing is changed.
 */
class BadInputIT {

    static final String GATEWAY = SecurityMatrixIT.GATEWAY;
    static final List<String> SERVICES = List.of("allocation", "surrender", "offsets", "risk");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HUGE = "x".repeat(100 * 1024);

    @BeforeAll
    static void gatewayIsUp() {
        RestAssured.baseURI = GATEWAY;
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
    }

    record Probe(String method, String path, Map<String, String> query, String contentType, String body, String what) {
    }

    @Test
    void noMalformedRequestGetsA5xxAndEvery4xxIsAProblem() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("registry", Caller.REGISTRY.token());
        tokens.put("ministry", Caller.MINISTRY.token());
        tokens.put("province", Caller.PROVINCE_OWN.token());
        tokens.put("entity", Caller.ENTITY_OWN.token());
        tokens.put("exchange", Caller.EXCHANGE.token());
        List<String> failures = new ArrayList<>();
        int sent = 0;
        int operations = 0;
        for (String service : SERVICES) {
            JsonNode doc = JSON.readTree(RestAssured.given().get("/openapi/" + service).then().statusCode(200)
                    .extract().asString());
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    String method = op.getKey().toUpperCase();
                    if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                        continue;
                    }
                    operations++;
                    for (Probe probe : probes(doc, method, path.getKey(), op.getValue())) {
                        for (Map.Entry<String, String> token : tokens.entrySet()) {
                            Response r = send(probe, token.getValue());
                            sent++;
                            String ct = r.contentType() == null ? "" : r.contentType();
                            if (r.statusCode() >= 500) {
                                failures.add(r.statusCode() + " " + probe.method() + " " + probe.path() + " "
                                        + probe.what() + " as " + token.getKey());
                            } else if (r.statusCode() >= 400 && !ct.startsWith("application/problem+json")) {
                                failures.add(r.statusCode() + " not a problem (" + ct + ") " + probe.method() + " "
                                        + probe.path() + " " + probe.what() + " as " + token.getKey());
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("bad input: %d operations, %d requests, %d failures%n", operations, sent, failures.size());
        failures.forEach(f -> System.out.println("  FAILED " + f));
        assertThat(operations).as("operations in the four documents").isGreaterThan(40);
        assertThat(failures).isEmpty();
    }

    /** The malformed requests for one operation. */
    static List<Probe> probes(JsonNode doc, String method, String template, JsonNode op) {
        String path = fill(template, op);
        List<Probe> probes = new ArrayList<>();
        // query: every declared parameter at once with each kind of nonsense, then nonsense paging
        List<String> names = new ArrayList<>();
        op.path("parameters").forEach(p -> {
            if ("query".equals(p.path("in").asText())) {
                names.add(p.path("name").asText());
            }
        });
        for (String nonsense : List.of("\u0000", "\u0007\u001b[2J", "-1", "99999999999999999999", "abc", HUGE.substring(0, 4000))) {
            Map<String, String> q = new LinkedHashMap<>();
            names.forEach(n -> q.put(n, nonsense));
            if (!q.isEmpty()) {
                probes.add(new Probe(method, path, q, null, null, "query=" + label(nonsense)));
            }
        }
        probes.add(new Probe(method, path, Map.of("page", "5000000", "size", "500"), null, null, "page=5000000"));
        probes.add(new Probe(method, path, Map.of("page", "-1", "size", "0"), null, null, "page=-1&size=0"));
        // the path itself with control characters in its last segment
        if (template.endsWith("}")) {
            probes.add(new Probe(method, path.substring(0, path.lastIndexOf('/') + 1) + "%00%07", Map.of(), null, null,
                    "path with NUL"));
        }
        if (!List.of("POST", "PUT", "PATCH").contains(method)) {
            return probes;
        }
        JsonNode content = op.path("requestBody").path("content");
        String type = content.fieldNames().hasNext() ? content.fieldNames().next() : "application/json";
        if (!type.contains("json")) {
            // uploads (CSV): NUL bytes and control characters in the cells, and no CSV at all
            probes.add(new Probe(method, path, Map.of(), type, "a,b\n\u0000,\u0007\n", "csv with NUL"));
            probes.add(new Probe(method, path, Map.of(), type, "\u0000\u0001\u0002", "binary"));
            return probes;
        }
        probes.add(new Probe(method, path, Map.of(), "application/json", "{\"unterminated\": ", "not JSON"));
        probes.add(new Probe(method, path, Map.of(), "application/json", "[1,2,3]", "an array"));
        JsonNode schema = resolve(doc, content.path(type).path("schema"));
        List<String> fields = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(fields::add);
        if (fields.isEmpty()) {
            fields.add("value");
        }
        Map<String, Object> variants = new LinkedHashMap<>();
        variants.put("NUL", "a\u0000b");
        variants.put("control", "\u0001\u001b[2J");
        variants.put("100 kB", HUGE);
        variants.put("wrong type", List.of(Map.of("x", 1)));
        variants.put("huge number", new java.math.BigDecimal("1e400"));
        variants.put("long overflow", new java.math.BigInteger("99999999999999999999999999"));
        for (Map.Entry<String, Object> v : variants.entrySet()) {
            ObjectNode body = JSON.createObjectNode();
            fields.forEach(f -> body.set(f, JSON.valueToTree(v.getValue())));
            probes.add(new Probe(method, path, Map.of(), "application/json", body.toString(), "body " + v.getKey()));
        }
        return probes;
    }

    static String label(String nonsense) {
        return nonsense.length() > 20 ? nonsense.length() + " chars" : JSON.valueToTree(nonsense).toString();
    }

    /** A plausible value for each path parameter: the matrix's own entity, its province, the cycle. */
    static String fill(String template, JsonNode op) {
        String path = template;
        path = path.replace("{uscc}", Caller.OWN_ENTITY).replace("{cycle}", "2021-2022")
                .replace("{province}", Caller.OWN_PROVINCE).replace("{provinceCode}", Caller.OWN_PROVINCE)
                .replace("{year}", "2022").replace("{complianceYear}", "2022");
        return path.replaceAll("\\{[^}]+}", "no-such-id");
    }

    static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/")) {
            JsonNode node = doc;
            for (String part : ref.substring(2).split("/")) {
                node = node.path(part);
            }
            return node;
        }
        return schema;
    }

    static Response send(Probe p, String token) {
        for (int attempt = 0; ; attempt++) {
            RequestSpecification r = RestAssured.given().urlEncodingEnabled(false).auth().oauth2(token)
                    .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                            .appendDefaultContentCharsetToContentTypeIfUndefined(false)));
            for (Map.Entry<String, String> q : p.query().entrySet()) {
                r = r.queryParam(q.getKey(), java.net.URLEncoder.encode(q.getValue(), java.nio.charset.StandardCharsets.UTF_8));
            }
            if (p.body() != null) {
                r = r.contentType(p.contentType()).body(p.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            Response response = r.request(p.method(), p.path());
            if (response.statusCode() != 429 || attempt >= 5) {
                return response;
            }
            sleep(1000L * Math.max(1, Long.parseLong(response.header("Retry-After") == null ? "1" : response.header("Retry-After"))));
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(Math.min(millis, 5000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

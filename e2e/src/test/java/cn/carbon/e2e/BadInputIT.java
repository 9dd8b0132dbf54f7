package cn.carbon.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
        long started = System.nanoTime();
        int sent = 0;
        int streamsOpen = 0;
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
                    boolean stream = op.getValue().path("responses").path("200").path("content").has("text/event-stream");
                    for (Probe probe : probes(doc, method, path.getKey(), op.getValue())) {
                        for (Map.Entry<String, String> token : tokens.entrySet()) {
                            String request = probe.method() + " " + probe.path() + " " + probe.what() + " as "
                                    + token.getKey();
                            sent++;
                            Answer r;
                            try {
                                r = send(probe, token.getValue(), stream);
                            } catch (IOException e) {
                                failures.add("no answer (" + e.getMessage() + ") " + request);
                                continue;
                            }
                            if (r.status() == 0) {
                                streamsOpen++; // accepted: an error would have been answered at once
                            } else if (r.status() >= 500) {
                                failures.add(r.status() + " " + request);
                            } else if (r.status() >= 400 && !r.contentType().startsWith("application/problem+json")) {
                                failures.add(r.status() + " not a problem (" + r.contentType() + ") " + request);
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("bad input: %d operations, %d requests, %d failures in %d s (%d event streams left open)%n",
                operations, sent, failures.size(), (System.nanoTime() - started) / 1_000_000_000L, streamsOpen);
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

    /** What the judgement needs of an answer; status 0: an event stream that sent nothing yet (it was accepted). */
    record Answer(int status, String contentType, String retryAfter) {
    }

    /** Sends the probe, waiting out the rate limit (429) a few times. */
    static Answer send(Probe p, String token, boolean stream) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Answer answer = exchange(p, token, stream);
            if (answer.status() != 429 || attempt >= 5) {
                return answer;
            }
            sleep(1000L * Math.max(1, Long.parseLong(answer.retryAfter() == null ? "1" : answer.retryAfter())));
        }
    }

    /**
     * One request on its own connection ({@code Connection: close}), written byte for byte as the probe says (a
     * library would refuse or re-encode some of them). A server may answer before it has read the whole body and
     * then close (RFC 9112 §9.6): a cut upload is not the answer, so the answer is read all the same and judged; only
     * a connection that gives no status line at all is an error, never a pass.
     */
    static Answer exchange(Probe p, String token, boolean stream) throws IOException {
        URI gateway = URI.create(GATEWAY);
        StringBuilder target = new StringBuilder(p.path());
        char separator = '?';
        for (Map.Entry<String, String> q : p.query().entrySet()) {
            target.append(separator).append(q.getKey()).append('=')
                    .append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        byte[] body = p.body() == null ? new byte[0] : p.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder().append(p.method()).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(gateway.getHost()).append(':').append(gateway.getPort()).append("\r\n")
                .append("Authorization: Bearer ").append(token).append("\r\n")
                .append("Accept: */*\r\nConnection: close\r\n");
        if (p.body() != null) {
            head.append("Content-Type: ").append(p.contentType()).append("\r\n");
        }
        if (p.body() != null || List.of("POST", "PUT", "PATCH").contains(p.method())) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            // an event stream sends its status with its first event: silence there means it was accepted (a refusal
            // is answered at once); anywhere else it is a failure
            socket.setSoTimeout(stream ? 5_000 : 60_000);
            IOException cut = null;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                cut = e; // answered early: the answer may already be here
            }
            try {
                String answer = head(new java.io.BufferedInputStream(socket.getInputStream()));
                return stream && answer.isEmpty() ? new Answer(0, "", null) : parse(answer, cut);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + (cut == null ? "" : " after the upload was cut: " + cut.getMessage()), e);
            }
        }
    }

    /** The status line and headers only: the body is not judged, and a stream (server-sent events) never ends. */
    static String head(java.io.InputStream in) throws IOException {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        int last4 = 0;
        try {
            for (int b; (b = in.read()) >= 0; ) {
                head.write(b);
                last4 = (last4 << 8) | b;
                if (last4 == 0x0d0a0d0a) {
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            if (head.size() > 0) {
                throw e;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    static Answer parse(String answer, IOException cut) throws IOException {
        int end = answer.indexOf("\r\n\r\n");
        String[] lines = (end < 0 ? answer : answer.substring(0, end)).split("\r\n");
        if (end < 0 || !lines[0].matches("HTTP/1\\.[01] \\d{3}.*")) {
            throw new IOException("no status line" + (cut == null ? "" : " after the upload was cut: " + cut.getMessage()));
        }
        int status = Integer.parseInt(lines[0].substring(9, 12));
        String contentType = "";
        String retryAfter = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
                if (name.equals("content-type")) {
                    contentType = line.substring(colon + 1).trim();
                } else if (name.equals("retry-after")) {
                    retryAfter = line.substring(colon + 1).trim();
                }
            }
        }
        return new Answer(status, contentType, retryAfter);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(Math.min(millis, 5000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package cn.carbon.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * Calls the services through the gateway with the signed-in user's bearer token: the console holds no domain data and
 * decides no scope itself, every answer (404 for what lies outside the user's scope included) is the services'.
 */
@ApplicationScoped
public class GatewayClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI gateway;
    private final ObjectMapper json;

    public GatewayClient(@ConfigProperty(name = "carbon.console.gateway-url") String gateway, ObjectMapper json) {
        this.gateway = URI.create(gateway.endsWith("/") ? gateway : gateway + "/");
        this.json = json;
    }

    /** An answer of a service: its status, media type and body. */
    public record Answer(int status, String contentType, byte[] body, String contentDisposition) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    public Answer get(String path, String accept, String token) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), accept, token);
    }

    public JsonNode getJson(String path, String token) {
        return json(get(path, "application/json", token));
    }

    /** A command: a fresh Idempotency-Key per form submission, so that a retried request is applied once. */
    public Answer post(String path, String contentType, byte[] body, String token, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Idempotency-Key", idempotencyKey == null ? UUID.randomUUID().toString() : idempotencyKey);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request, "application/json", token);
    }

    public Answer put(String path, byte[] body, String token, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey == null ? UUID.randomUUID().toString() : idempotencyKey);
        return send(request, "application/json", token);
    }

    /**
     * Every item of a paged list ({@code items}, {@code total}), read page by page at the services' largest page size;
     * the first refused page's answer is returned as {@code failure}.
     */
    public record Items(java.util.List<JsonNode> items, JsonNode first, Answer failure) {
    }

    public Items all(String path, String token) {
        java.util.List<JsonNode> items = new java.util.ArrayList<>();
        JsonNode first = null;
        String glue = path.contains("?") ? "&" : "?";
        for (int page = 0; ; page++) {
            Answer answer = get(path + glue + "page=" + page + "&size=" + PAGE, "application/json", token);
            if (!answer.ok()) {
                return new Items(items, first, answer);
            }
            JsonNode body = json(answer);
            if (first == null) {
                first = body;
            }
            body.path("items").forEach(items::add);
            if (body.path("items").size() < PAGE || items.size() >= body.path("total").asLong()) {
                return new Items(items, first, null);
            }
        }
    }

    /** The largest page the services serve (platform Page.MAX_SIZE). */
    static final int PAGE = 500;

    public JsonNode json(Answer answer) {
        try {
            return answer.body().length == 0 ? json.createObjectNode() : json.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the gateway answered " + answer.status() + " with a body that is not JSON", e);
        }
    }

    public byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer send(HttpRequest.Builder request, String accept, String token) {
        request.timeout(Duration.ofSeconds(60)).header("Accept", accept);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().firstValue("Content-Disposition").orElse(null));
        } catch (IOException e) {
            throw new GatewayUnavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailable(e);
        }
    }

    private URI uri(String path) {
        return gateway.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /** The gateway did not answer: shown as a page of its own, not as a stack trace. */
    public static class GatewayUnavailable extends RuntimeException {
        GatewayUnavailable(Exception cause) {
            super("the gateway is not reachable", cause);
        }
    }
}

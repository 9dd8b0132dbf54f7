package cn.carbon.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in service behind the gateway: it answers with what it received (method, URI, headers, body length),
 * counting bytes as they stream in (a path ending in {@code /slow} answers only after {@link #SLOW_MILLIS}). The allocation route points here; the risk route points at a closed port.
 */
public class EchoUpstream implements QuarkusTestResourceLifecycleManager {

    static final AtomicInteger HITS = new AtomicInteger();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            HITS.incrementAndGet();
            long length = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = exchange.getRequestBody()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    length += n;
                }
            }
            if (exchange.getRequestURI().getPath().endsWith("/slow")) {
                sleep(SLOW_MILLIS); // a service that does not answer in time: the gateway's timeout is the test's
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String body = String.format("{\"method\":\"%s\",\"uri\":\"%s\",\"bodyLength\":%d,\"authorization\":\"%s\","
                            + "\"requestId\":\"%s\",\"forwardedFor\":\"%s\",\"forwardedHost\":\"%s\"}",
                    exchange.getRequestMethod(), exchange.getRequestURI(), length, auth == null ? "" : auth,
                    exchange.getRequestHeaders().getFirst("X-Request-Id"),
                    exchange.getRequestHeaders().getFirst("X-Forwarded-For"),
                    exchange.getRequestHeaders().getFirst("X-Forwarded-Host"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/missing") ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "carbon.gateway.routes.allocation", url,
                "carbon.gateway.routes.surrender", url,
                "carbon.gateway.routes.offsets", url,
                "carbon.gateway.routes.risk", "http://127.0.0.1:1",
                "carbon.gateway.console", url);
    }

    /** How long a request to a path ending in {@code /slow} waits before its answer. */
    static final long SLOW_MILLIS = 8_000;

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}

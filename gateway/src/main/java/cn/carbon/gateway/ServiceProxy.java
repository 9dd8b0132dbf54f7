package cn.carbon.gateway;

import cn.carbon.platform.correlation.RequestIds;
import io.opentelemetry.api.trace.Span;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Routes {@code /api/<prefix>/**} to its service. Bodies are piped both ways (an upload is never held in memory),
 * the caller's token is relayed (each service checks it again), and every request carries an {@code X-Request-Id}.
 */
@ApplicationScoped
public class ServiceProxy {

    private static final Logger LOG = Logger.getLogger("cn.carbon.gateway.access");
    private static final String REQUEST_ID = RequestIds.HEADER;
    /**
     * the paths anyone may read (GET or HEAD only): whether a compliance certificate is genuine, the keys to check it,
     * and the public annual compliance report
     */
    private static final Pattern PUBLIC = Pattern.compile(
            "/api/surrender/(certificates/([^/]+/verification|keys)|public/compliance-report)");
    private static final Set<HttpMethod> PUBLIC_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    private final RoutesConfig config;
    private final RateLimiter limiter;
    private final ClientAddress addresses;
    private HttpClient client;

    public ServiceProxy(RoutesConfig config, RateLimiter limiter) {
        this.config = config;
        this.limiter = limiter;
        this.addresses = new ClientAddress(config.trustedProxies().orElse(java.util.List.of()));
    }

    void install(@Observes Router router, Vertx vertx) {
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(100)
                .setConnectTimeout(5_000));
        config.console().map(URI::create).ifPresent(console -> {
            router.route("/console").order(100).handler(ctx -> forward(ctx, console, null, true));
            router.route("/console/*").order(100).handler(ctx -> forward(ctx, console, null, true));
            router.get("/").order(100).handler(ctx -> forward(ctx, console, null, true)); // the console redirects
        });
        for (Map.Entry<String, String> route : config.routes().entrySet()) {
            URI target = URI.create(route.getValue());
            router.route("/api/" + route.getKey() + "/*").order(100).handler(ctx -> forward(ctx, target, null, false));
            // the service's OpenAPI document, for the one Swagger UI at /q/swagger-ui
            router.get("/openapi/" + route.getKey()).order(100)
                    .handler(ctx -> forward(ctx, target, "/q/openapi?format=json", true));
        }
    }

    static boolean isPublic(HttpServerRequest in) {
        return PUBLIC_METHODS.contains(in.method()) && PUBLIC.matcher(in.path()).matches();
    }

    /** {@code open}: no bearer token needed (the OpenAPI documents, the console's pages). */
    private void forward(RoutingContext ctx, URI target, String uri, boolean open) {
        HttpServerRequest in = ctx.request();
        String requestId = requestId(in);
        // in every log line of this request (the request's own Vert.x context holds the MDC) and on its trace
        MDC.put("requestId", requestId);
        Span.current().setAttribute("carbon.request_id", requestId);
        if (!open && caller(ctx).equals("anonymous") && uri == null && !isPublic(in)) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            fail(ctx, 401, "unauthorized", "a valid bearer token is required", requestId);
            return;
        }
        long wait = limiter.acquire(client(ctx));
        if (wait > 0) {
            ctx.response().putHeader("Retry-After", Long.toString(wait));
            fail(ctx, 429, "too-many-requests", "request rate limit reached; retry after " + wait + " s", requestId);
            return;
        }
        in.pause();
        long started = System.nanoTime();
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(target.getHost())
                .setPort(target.getPort())
                .setURI(uri == null ? in.uri() : uri)
                .setIdleTimeout(config.timeout().toMillis());
        open(options, isIdempotentRead(in) ? 1 : 0).onComplete(opened -> {
            if (opened.failed()) {
                in.resume();
                fail(ctx, 502, "upstream-unavailable", "the service behind " + in.path() + " is not reachable", requestId);
                return;
            }
            var out = opened.result();
            copyHeaders(in.headers(), out.headers());
            out.putHeader(REQUEST_ID, requestId);
            out.putHeader("X-Forwarded-For", address(in));
            out.putHeader("X-Forwarded-Proto", in.scheme());
            // the console builds Keycloak's redirect back and its own links from the address the browser used
            if (in.getHeader("Host") != null) {
                out.putHeader("X-Forwarded-Host", in.getHeader("Host"));
            }
            if (in.headers().get("Content-Length") == null && hasBody(in)) {
                out.setChunked(true);
            }
            out.send(in).onComplete(answered -> {
                if (answered.failed()) {
                    fail(ctx, 504, "upstream-timeout", "the service behind " + in.path() + " did not answer", requestId);
                    return;
                }
                relay(ctx, answered.result(), requestId, started);
            });
        });
    }

    private void relay(RoutingContext ctx, HttpClientResponse upstream, String requestId, long started) {
        HttpServerResponse response = ctx.response();
        response.setStatusCode(upstream.statusCode());
        copyHeaders(upstream.headers(), response.headers());
        response.putHeader(REQUEST_ID, requestId);
        if (upstream.headers().get("Content-Length") == null) {
            response.setChunked(true);
        }
        upstream.pipeTo(response).onComplete(done -> {
            if (LOG.isInfoEnabled()) {
                // one line per request: concatenated, as printf-style formatting was a tenth of the gateway's CPU
                LOG.info(ctx.request().method() + " " + ctx.request().path() + " " + upstream.statusCode() + " "
                        + caller(ctx) + " " + (System.nanoTime() - started) / 1_000_000 + "ms req:" + requestId);
            }
        });
    }

    /** Only a read is tried again when the connection fails: a command might have been received. */
    private io.vertx.core.Future<io.vertx.core.http.HttpClientRequest> open(RequestOptions options, int retries) {
        return client.request(options).recover(e -> retries > 0 ? open(options, retries - 1)
                : io.vertx.core.Future.failedFuture(e));
    }

    private static boolean isIdempotentRead(HttpServerRequest in) {
        return in.method().name().equals("GET") || in.method().name().equals("HEAD");
    }

    /** The client a rate limit applies to: the token's client (azp) and subject, else the remote address. */
    private String address(HttpServerRequest in) {
        return addresses.resolve(in.remoteAddress() == null ? null : in.remoteAddress().host(),
                in.headers().get("X-Forwarded-For"));
    }

    private String client(RoutingContext ctx) {
        QuarkusHttpUser user = (QuarkusHttpUser) ctx.user();
        if (user != null && !user.getSecurityIdentity().isAnonymous()) {
            Object jwt = user.getSecurityIdentity().getPrincipal();
            if (jwt instanceof org.eclipse.microprofile.jwt.JsonWebToken token) {
                return "client:" + token.getClaim("azp") + "/" + token.getSubject();
            }
            return "user:" + user.getSecurityIdentity().getPrincipal().getName();
        }
        return "address:" + address(ctx.request());
    }

    private static String caller(RoutingContext ctx) {
        QuarkusHttpUser user = (QuarkusHttpUser) ctx.user();
        return user == null || user.getSecurityIdentity().isAnonymous() ? "anonymous"
                : user.getSecurityIdentity().getPrincipal().getName();
    }

    private static boolean hasBody(HttpServerRequest in) {
        String method = in.method().name();
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("DELETE") && !method.equals("OPTIONS");
    }

    private static String requestId(HttpServerRequest in) {
        return RequestIds.of(in.getHeader(REQUEST_ID));
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        from.forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                to.add(h.getKey(), h.getValue());
            }
        });
    }

    private static void fail(RoutingContext ctx, int status, String slug, String detail, String requestId) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader(REQUEST_ID, requestId)
                .end("{\"type\":\"https://carbon.example/problems/" + slug + "\",\"title\":\"" + slug + "\",\"status\":"
                        + status + ",\"detail\":\"" + detail + "\",\"requestId\":\"" + requestId + "\"}");
        LOG.warnf("%s %s %d %s req:%s", ctx.request().method(), ctx.request().path(), status, caller(ctx), requestId);
    }
}

package cn.carbon.console;

import io.quarkus.qute.Engine;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Relays risk-service's alert stream ({@code GET /api/risk/alerts/stream}, SSE, through the gateway with the user's
 * token) to the browser as SSE events named {@code alert} whose data is the alert's table row, rendered here in the
 * user's language (the page's script only puts it on top of the list). A first comment goes out at once: the
 * gateway's chunked relay sends the response's head only with its first bytes. When the upstream stream ends (the
 * token expired, the service restarted) this one ends too and the browser's EventSource reconnects, signing in anew.
 */
@ApplicationScoped
public class LiveAlerts {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI gateway;
    private final Engine engine;

    public LiveAlerts(@ConfigProperty(name = "carbon.console.gateway-url") String gateway, Engine engine) {
        this.gateway = URI.create(gateway.endsWith("/") ? gateway : gateway + "/");
        this.engine = engine;
    }

    /** The words are the user's, read while the request was in scope (the events are sent after it). */
    public Multi<OutboundSseEvent> relay(String province, String token, Map<String, String> words,
                                         Map<String, Map<String, String>> groups, Sse sse) {
        String path = "api/risk/alerts/stream" + (province == null ? "" : "?province=" + ProvincePages.enc(province));
        OutboundSseEvent ended = sse.newEventBuilder().comment("ended").build();
        Multi<OutboundSseEvent> alerts = upstream(gateway.resolve(path), token)
                .map(json -> sse.newEventBuilder().name("alert").data(row(json, words, groups)).build())
                .onCompletion().continueWith(ended);
        Multi<OutboundSseEvent> hello = Multi.createFrom().item(sse.newEventBuilder().comment("connected").build());
        // a comment every 20 s keeps the connection through proxies that close an idle one
        Multi<OutboundSseEvent> beats = Multi.createFrom().ticks().every(Duration.ofSeconds(20))
                .map(t -> sse.newEventBuilder().comment("beat").build());
        // the beats never end: the relay ends with the upstream stream (its last item the marker)
        return Multi.createBy().merging().streams(hello, alerts, beats).select().first(e -> e != ended);
    }

    String row(String json, Map<String, String> words, Map<String, Map<String, String>> groups) {
        return engine.getTemplate("risk/alert-row").data("a", json(json)).data("m", words).data("g", groups).render()
                .replace("\n", "");
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The {@code data:} lines of the upstream SSE response, one item each; ends when the upstream ends. */
    Multi<String> upstream(URI uri, String token) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
            HttpRequest request = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + token).build();
            CompletableFuture<HttpResponse<Void>> sent = http.sendAsync(request,
                    HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                        @Override
                        public void onSubscribe(Flow.Subscription s) {
                            subscription.set(s);
                            s.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(String line) {
                            if (line.startsWith("data:")) {
                                emitter.emit(line.substring(5).strip());
                            }
                        }

                        @Override
                        public void onError(Throwable failure) {
                            emitter.complete();
                        }

                        @Override
                        public void onComplete() {
                            emitter.complete();
                        }
                    }));
            sent.whenComplete((response, failure) -> {
                if (failure != null || response.statusCode() != 200) {
                    emitter.complete();
                }
            });
            emitter.onTermination(() -> {
                Flow.Subscription s = subscription.get();
                if (s != null) {
                    s.cancel();
                }
                sent.cancel(true);
            });
        });
    }
}

package cn.carbon.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/**
 * Carries a command's trace with its events: the outbox stores the W3C {@code traceparent} of the span that wrote the
 * event, the relay publishes it as a Kafka header from a producer span, and the inbox continues it in a consumer span.
 * With tracing off (the local stack) every span is a no-op and no traceparent is stored.
 */
@ApplicationScoped
public class EventTracing {

    public static final String HEADER = "traceparent";
    public static final String USCC = "carbon.uscc";
    public static final String EVENT_ID = "carbon.event_id";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    public EventTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The current span's traceparent, or null when there is no sampled trace to continue. */
    public static String current() {
        return traceparent(Context.current());
    }

    static String traceparent(Context context) {
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }

    static Context parent(String traceparent) {
        return traceparent == null ? Context.root() : W3C.extract(Context.root(), Map.of(HEADER, traceparent), FROM_MAP);
    }

    /** A producer span for one event, child of the command that wrote it; end it once the event is sent. */
    public Span publishing(String topic, String key, String storedTraceparent) {
        return tracer.spanBuilder("publish " + topic).setSpanKind(SpanKind.PRODUCER)
                .setParent(parent(storedTraceparent))
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute(USCC, key)
                .startSpan();
    }

    /** The traceparent to send with the event: the producer span's, or the stored one when tracing is off here. */
    public static String header(Span producer, String storedTraceparent) {
        String own = producer.getSpanContext().isValid() ? traceparent(Context.root().with(producer)) : null;
        return own != null ? own : storedTraceparent;
    }

    /**
     * A consumer span for applying one event, child of {@code headerTraceparent} (the event's header, read from the
     * record: one poll carries many traces) or, without it, of the current context.
     */
    public Span applying(String consumer, String topic, String headerTraceparent) {
        Context parent = headerTraceparent != null ? parent(headerTraceparent) : Context.current();
        return tracer.spanBuilder("apply " + topic).setSpanKind(SpanKind.CONSUMER).setParent(parent)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.consumer.group.name", consumer)
                .startSpan();
    }
}

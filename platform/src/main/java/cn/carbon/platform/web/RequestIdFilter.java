package cn.carbon.platform.web;

import cn.carbon.platform.correlation.RequestIds;
import io.opentelemetry.api.trace.Span;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Takes the gateway's {@code X-Request-Id} (or makes one), puts it in every log line of the request (MDC
 * {@code requestId}) and returns it to the caller.
 */
public class RequestIdFilter {

    public static final String HEADER = RequestIds.HEADER;
    public static final String MDC_KEY = "requestId";

    @ServerRequestFilter(preMatching = true, priority = 1)
    public void assign(ContainerRequestContext request) {
        String id = RequestIds.of(request.getHeaderString(HEADER));
        request.setProperty(MDC_KEY, id);
        MDC.put(MDC_KEY, id);
        Span.current().setAttribute("carbon.request_id", id);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(MDC_KEY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id.toString());
        }
    }
}

package cn.carbon.offset.rest;

import cn.carbon.offset.applications.ObligationExceeded;
import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.RequestIdFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Problems that carry figures as RFC 9457 extension members next to the platform's usual members (the platform's
 * mapper writes only those); the nearest mapper to the exception's class wins, so this one takes these.
 */
public class FigureProblems {

    @ServerExceptionMapper
    public Response obligationExceeded(ObligationExceeded e, UriInfo uri) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Problem.TYPE_BASE + e.slug());
        body.put("title", e.title());
        body.put("status", e.status());
        body.put("detail", e.getMessage());
        if (uri != null) {
            body.put("instance", uri.getPath());
        }
        Object requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            body.put("requestId", requestId.toString());
        }
        body.put("errors", e.errors());
        body.putAll(e.figures());
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}

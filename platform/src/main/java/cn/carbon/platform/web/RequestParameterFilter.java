package cn.carbon.platform.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One place for what every endpoint would otherwise check for itself in its query and path: no control characters
 * (a NUL reaches PostgreSQL as an error, 500) and the paging of API.md ({@code page}, {@code size}) within bounds,
 * so that no offset overflows. Runs after matching, so path parameters are known; answers 400 naming each field.
 */
public class RequestParameterFilter {

    @ServerRequestFilter
    public Response check(ContainerRequestContext request, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        controlCharacters(uri.getPathParameters(), errors);
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        controlCharacters(query, errors);
        paging(query, errors);
        if (errors.isEmpty()) {
            return null;
        }
        return ProblemMappers.respond(400, "invalid-request", "Invalid request", errors.size() + " invalid field(s)",
                uri, errors);
    }

    private static void controlCharacters(MultivaluedMap<String, String> params, List<Problem.FieldError> errors) {
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (ControlCharacters.inParameter(p.getKey())) {
                errors.add(Problem.FieldError.field("(parameter name)", ControlCharacters.MESSAGE));
                continue;
            }
            for (String value : p.getValue()) {
                if (ControlCharacters.inParameter(value)) {
                    errors.add(Problem.FieldError.field(p.getKey(), ControlCharacters.MESSAGE));
                    break;
                }
            }
        }
    }

    private static void paging(MultivaluedMap<String, String> query, List<Problem.FieldError> errors) {
        bounded(query.getFirst("page"), "page", 0, Page.MAX_PAGE, errors);
        bounded(query.getFirst("size"), "size", 1, Page.MAX_SIZE, errors);
    }

    private static void bounded(String value, String field, int min, int max, List<Problem.FieldError> errors) {
        if (value == null || ControlCharacters.inParameter(value)) {
            return;
        }
        String message = "must be a whole number between " + min + " and " + max;
        try {
            long n = Long.parseLong(value.trim());
            if (n < min || n > max) {
                errors.add(Problem.FieldError.field(field, message));
            }
        } catch (NumberFormatException e) {
            errors.add(Problem.FieldError.field(field, message));
        }
    }
}

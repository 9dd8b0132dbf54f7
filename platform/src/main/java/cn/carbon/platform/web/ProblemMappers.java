package cn.carbon.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/** Every error of every service leaves as {@code application/problem+json} (DESIGN.md, Errors). */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status(), e.slug(), e.title(), e.getMessage(), uri, e.errors());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return respond(401, "unauthorized", "Unauthorized", "a valid bearer token is required", uri, List.of());
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return respond(401, "unauthorized", "Unauthorized", "the bearer token was not accepted", uri, List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "forbidden", "Forbidden", "the caller's role may not do this", uri, List.of());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> Problem.FieldError.field(leaf(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return respond(400, "invalid-request", "Invalid request", errors.size() + " invalid field(s)", uri, errors);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = null;
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            field = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        if (e instanceof ControlCharacterJson.ControlCharacterException && field != null) {
            return respond(400, "invalid-request", "Invalid request", field + ": " + ControlCharacters.MESSAGE, uri,
                    List.of(Problem.FieldError.field(field, ControlCharacters.MESSAGE)));
        }
        String message = e instanceof UnrecognizedPropertyException u ? "unknown field " + u.getPropertyName()
                : e instanceof InvalidFormatException f ? "cannot read " + f.getValue() + " as " + f.getTargetType().getSimpleName()
                : "malformed JSON: " + e.getOriginalMessage();
        List<Problem.FieldError> errors = field == null ? List.of() : List.of(Problem.FieldError.field(field, message));
        return respond(400, "malformed-body", "Malformed body", message, uri, errors);
    }

    /** quarkus-rest-jackson maps this subtype itself (plain JSON); it must name the field as a problem too. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        String slug = title.toLowerCase().replace(' ', '-');
        return respond(status, slug, title, e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.error("unexpected error", e);
        return respond(500, "internal-error", "Internal error", "the request failed; see the service log with its request id",
                uri, List.of());
    }

    static Response respond(int status, String slug, String title, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        Object requestId = MDC.get(RequestIdFilter.MDC_KEY);
        Problem body = new Problem(Problem.TYPE_BASE + slug, title, status, detail,
                uri == null ? null : uri.getPath(), requestId == null ? null : requestId.toString(), errors);
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
        if (status == 401) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.build();
    }

    private static String leaf(String path) {
        // "register.arg0.uscc" -> "uscc": callers know their fields, not our method names
        int dot = path.indexOf('.', path.indexOf('.') + 1);
        return dot < 0 ? path : path.substring(dot + 1);
    }
}

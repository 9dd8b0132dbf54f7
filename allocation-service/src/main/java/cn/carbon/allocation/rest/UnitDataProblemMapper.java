package cn.carbon.allocation.rest;

import cn.carbon.allocation.units.UnitDataRejected;
import cn.carbon.allocation.units.UnitRowError;
import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.RequestIdFilter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * A rejected unit import as API.md words it: {@code errors[{row, column, message}]} (with {@code field} = column too,
 * the shape of every other problem of the platform).
 */
public class UnitDataProblemMapper {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection // written with the ObjectMapper, not as a declared return type
    public record RowError(int row, String column, String field, String message) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @RegisterForReflection // written with the ObjectMapper, not as a declared return type
    public record ImportProblem(String type, String title, int status, String detail, String instance,
                                String requestId, List<RowError> errors) {
    }

    @ServerExceptionMapper
    public Response rejected(UnitDataRejected e, UriInfo uri) {
        Object requestId = MDC.get(RequestIdFilter.MDC_KEY);
        List<RowError> errors = e.rowErrors().stream()
                .map((UnitRowError r) -> new RowError(r.row(), r.column(), r.column(), r.message())).toList();
        return Response.status(e.status()).type(Problem.MEDIA_TYPE)
                .entity(new ImportProblem(Problem.TYPE_BASE + e.slug(), e.title(), e.status(), e.getMessage(),
                        uri == null ? null : uri.getPath(), requestId == null ? null : requestId.toString(), errors))
                .build();
    }
}

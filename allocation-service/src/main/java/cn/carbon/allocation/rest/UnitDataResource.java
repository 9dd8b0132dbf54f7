package cn.carbon.allocation.rest;

import cn.carbon.allocation.deadlines.StageDeadlines;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.contracts.rulebook.StageAction;
import cn.carbon.allocation.units.UnitDataImport;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.IdempotentCommands;
import cn.carbon.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.time.Clock;
import java.util.List;

/** {@code POST /cycles/{cycle}/units:import}: a province's own entities' unit data, or any for the registry. */
@Path("/api/allocation/cycles/{cycle}/units:import")
@Produces(MediaType.APPLICATION_JSON)
public class UnitDataResource {

    private final UnitDataImport imports;
    private final Rulebooks rulebooks;
    private final IdempotentCommands idempotent;
    private final Caller caller;
    private final Clock clock;
    private final Json json;
    private final StageDeadlines deadlines;

    public UnitDataResource(UnitDataImport imports, Rulebooks rulebooks, IdempotentCommands idempotent, Caller caller,
                            Clock clock, Json json, StageDeadlines deadlines) {
        this.deadlines = deadlines;
        this.imports = imports;
        this.rulebooks = rulebooks;
        this.idempotent = idempotent;
        this.caller = caller;
        this.clock = clock;
        this.json = json;
    }

    // no @Consumes: the media type is checked after the caller, so that a bad token is 401 whatever the body
    @POST
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY})
    public Response importUnits(@PathParam("cycle") String cycle, InputStream body,
                                @HeaderParam("Content-Type") String contentType,
                                @QueryParam("lateReason") String lateReason,
                                @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (contentType == null || !contentType.toLowerCase().startsWith("text/csv")) {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported media type",
                    "the unit data are CSV: Content-Type text/csv", List.of());
        }
        Rulebook rb = rulebooks.current(cycle);
        String province = caller.isNational() ? null : caller.provinceFilter(null);
        StageDeadlines.Judgement judged = deadlines.judge(rb, StageAction.VERIFIED_DATA_IMPORT, lateReason);
        UnitDataImport.Checked checked = imports.check(rb, body, province);
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey,
                "units:import " + cycle + " sha256:" + checked.sha256(), () -> {
                    UnitDataImport.Result result = imports.store(checked, caller.name(), clock.instant());
                    deadlines.record(rb, judged, province != null ? List.of(province) : deadlines.provincesOf(
                            checked.rows().stream().map(UnitDataImport.Row::uscc).distinct().toList()),
                            "import:" + result.importId(), caller.name());
                    return new IdempotentCommands.Answer(200, json.write(result));
                });
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }
}

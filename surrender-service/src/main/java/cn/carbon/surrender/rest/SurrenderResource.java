package cn.carbon.surrender.rest;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.IdempotentCommands;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.compliance.ComplianceStatus;
import cn.carbon.surrender.compliance.YearPosition;
import cn.carbon.platform.directory.KnownEntity;
import cn.carbon.surrender.ledger.Posted;
import cn.carbon.surrender.surrender.Surrenders;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An entity surrenders its own allowances against a compliance year: all lines or none; Idempotency-Key honoured. */
@Path("/api/surrender/surrenders")
// no @Consumes: a request without a JSON body is refused by authentication first (401/403), then as a bad body
@Produces(MediaType.APPLICATION_JSON)
public class SurrenderResource {

    private final Surrenders surrenders;
    private final IdempotentCommands idempotent;
    private final Caller caller;
    private final ObjectMapper json;

    public SurrenderResource(Surrenders surrenders, IdempotentCommands idempotent, Caller caller, ObjectMapper json) {
        this.surrenders = surrenders;
        this.idempotent = idempotent;
        this.caller = caller;
        this.json = json;
    }

    public record LineRequest(String vintage, BigDecimal quantityT) {
    }

    public record SurrenderRequest(String uscc, Integer complianceYear, List<LineRequest> lines) {
    }

    public record LineView(String vintage, long quantityT) {
    }

    public record ComplianceAfter(Long obligationT, long surrenderedT, long offsetT, long borrowedUsedT, Long remainingT,
                                  ComplianceStatus status, Instant completedAt) {
    }

    public record SurrenderView(String surrenderId, long transactionId, String uscc, int complianceYear,
                                List<LineView> lines, Instant postedAt, String rulebook, ComplianceAfter compliance) {
    }

    @POST
    @Transactional
    @RolesAllowed(Role.ENTITY)
    public Response surrender(SurrenderRequest body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (body == null) {
            throw ProblemException.invalid("body", "a surrender is required");
        }
        String uscc = Requests.required(body.uscc(), "uscc");
        KnownEntity entity = KnownEntity.findById(uscc);
        caller.requireVisible(uscc, entity == null ? null : entity.provinceCode, "account of " + uscc);
        int year = Requests.year(body.complianceYear(), "complianceYear");
        if (body.lines() == null || body.lines().isEmpty()) {
            throw ProblemException.invalid("lines", "at least one line is required");
        }
        List<Surrenders.Line> lines = new ArrayList<>();
        for (int i = 0; i < body.lines().size(); i++) {
            LineRequest l = body.lines().get(i);
            if (l == null) {
                throw ProblemException.invalid("lines[" + i + "]", "is required");
            }
            lines.add(new Surrenders.Line(l.vintage(), Requests.tonnes(l.quantityT(), "lines[" + i + "].quantityT")));
        }
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey, Requests.write(json, body), () -> {
            String id = UUID.randomUUID().toString();
            Surrenders.Outcome outcome = surrenders.surrender("surrender:" + id, uscc, year, lines, caller.name());
            Posted p = outcome.result().posted();
            YearPosition pos = outcome.position();
            Instant deadline = outcome.rulebook().complianceDeadline();
            ComplianceAfter after = new ComplianceAfter(pos.obligationT() == null ? null : pos.obligationT() + pos.obligationAddedT(),
                    pos.surrenderedT(), pos.offsetT(), pos.borrowedUsedT(), pos.remainingT(),
                    ComplianceStatus.of(pos.exempt(), pos.remainingT(), pos.completedAt(), p.postedAt(), deadline),
                    pos.completedAt());
            SurrenderView view = new SurrenderView(id, p.id(), uscc, year,
                    p.movements().stream().map(m -> new LineView(m.vintage(), m.quantityT())).toList(), p.postedAt(),
                    outcome.rulebook().ref(), after);
            return new IdempotentCommands.Answer(201, Requests.write(json, view));
        });
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }
}

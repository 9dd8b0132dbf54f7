package cn.carbon.offset.rest;

import cn.carbon.offset.applications.ObligationCheck;
import cn.carbon.offset.cap.Headroom;
import cn.carbon.offset.cap.Headrooms;
import cn.carbon.offset.cap.Obligation;
import cn.carbon.offset.cap.RemainingObligation;
import cn.carbon.platform.directory.KnownEntity;
import cn.carbon.offset.rulebook.OffsetRulebook;
import cn.carbon.offset.rulebook.Rulebooks;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** What is left of an entity's CCER cap for one compliance year. */
@Path("/api/offsets/entities/{uscc}/headroom")
@Produces(MediaType.APPLICATION_JSON)
public class HeadroomResource {

    private final Rulebooks rulebooks;
    private final Headrooms headrooms;
    private final ObligationCheck owed;
    private final Caller caller;

    public HeadroomResource(Rulebooks rulebooks, Headrooms headrooms, ObligationCheck owed, Caller caller) {
        this.rulebooks = rulebooks;
        this.headrooms = headrooms;
        this.owed = owed;
        this.caller = caller;
    }

    /**
     * @param obligationKnown false until carbon.obligations.v1 announced the year's obligation (the cap is then 0)
     * @param exceededByT     how far confirmed + pending exceed the cap (after the obligation fell); else 0
     * @param surrenderedT    what the registry reported surrendered for the year (carbon.compliance.v1)
     * @param remainingObligationT what is still owed after surrenders, confirmed and pending offsets: no offset beyond it
     * @param bySchemes       the used and pending tonnes of each CCER scheme (OLD_CCER, NEW_CCER): parts of one cap
     */
    public record HeadroomView(String uscc, String cycle, int complianceYear, boolean obligationKnown, long obligationT,
                               boolean exempt, BigDecimal capShare, long capT, long usedT, long pendingT,
                               long remainingT, long exceededByT, long surrenderedT, long remainingObligationT,
                               String rulebookId, int rulebookVersion, Map<String, Headrooms.SchemeUse> bySchemes) {
    }

    @GET
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY})
    public HeadroomView get(@PathParam("uscc") String uscc, @QueryParam("cycle") String cycle,
                            @QueryParam("complianceYear") Integer complianceYear) {
        KnownEntity entity = KnownEntity.findById(uscc);
        Obligation obligation = complianceYear == null ? null : Obligation.of(uscc, complianceYear).orElse(null);
        String province = entity != null ? entity.provinceCode : obligation != null ? obligation.provinceCode : null;
        caller.requireVisible(uscc, province, "entity " + uscc);
        if (entity == null && obligation == null) {
            throw ProblemException.notFound("entity " + uscc);
        }
        if (cycle == null || cycle.isBlank()) {
            throw ProblemException.invalid("cycle", "is required, e.g. 2021-2022");
        }
        if (complianceYear == null) {
            throw ProblemException.invalid("complianceYear", "is required");
        }
        OffsetRulebook rb = rulebooks.require(cycle, "cycle");
        if (!rb.coversYear(complianceYear)) {
            throw ProblemException.unprocessable("year-outside-cycle", "Year outside the cycle",
                    "cycle " + cycle + " covers " + rb.complianceYears() + ", not " + complianceYear,
                    List.of(Problem.FieldError.field("complianceYear", "must be one of " + rb.complianceYears())));
        }
        Obligation known = obligation != null && cycle.equals(obligation.cycle) ? obligation : null;
        Headroom h = headrooms.of(rb, uscc, complianceYear, known);
        RemainingObligation r = known == null ? new RemainingObligation(0, 0, h.usedT(), 0, h.pendingT())
                : owed.figures(known, h, 0);
        return new HeadroomView(uscc, cycle, complianceYear, known != null, h.obligationT(), known != null && known.exempt,
                rb.capShare(), h.capT(), h.usedT(), h.pendingT(), h.remainingT(), h.exceededByT(), r.surrenderedT(),
                r.remainingT(), rb.rulebookId(), rb.version(), headrooms.bySchemes(rb, uscc, complianceYear));
    }
}

package cn.carbon.risk.rest;

import cn.carbon.platform.security.Role;
import cn.carbon.risk.rulebook.RiskRulebook;
import cn.carbon.risk.rulebook.RiskRulebooks;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalDate;

/**
 * The settings this service applies to a cycle (the cycle in force, or {@code ?cycle=}), from the newest rulebook
 * version allocation-service published: the deadlines, the feed window and the weekly-report window every computation
 * here reads.
 */
@Path("/api/risk/rulebook")
@Produces(MediaType.APPLICATION_JSON)
public class RulebookResource {

    private final RiskRulebooks rulebooks;

    public RulebookResource(RiskRulebooks rulebooks) {
        this.rulebooks = rulebooks;
    }

    /** The rulebook of the cycle and the dates derived from it. */
    public record InForce(RiskRulebook rulebook, LocalDate cycleDeadline, LocalDate weeklyReportsFrom) {
    }

    @GET
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY, Role.EXCHANGE})
    public InForce get(@QueryParam("cycle") String cycle) {
        // 404 for a cycle this service has no rulebook of
        RiskRulebook rb = cycle != null && !cycle.isBlank() ? rulebooks.cycle(cycle) : rulebooks.current();
        return new InForce(rb, rb.cycleDeadline(), rb.reportingStart());
    }
}

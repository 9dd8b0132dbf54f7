package cn.carbon.offset.rest;

import cn.carbon.offset.rulebook.OffsetRulebook;
import cn.carbon.offset.rulebook.Rulebooks;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The offset settings this service applies for a cycle: those of the newest rulebook version allocation-service
 * published (uploads go to allocation-service, which publishes them to every service).
 */
@Path("/api/offsets/cycles/{cycle}/rulebook")
@Produces(MediaType.APPLICATION_JSON)
public class RulebookResource {

    private final Rulebooks rulebooks;

    public RulebookResource(Rulebooks rulebooks) {
        this.rulebooks = rulebooks;
    }

    /** The offset part of a rulebook version, with the dates its deadlines name. */
    public record OffsetSettings(String rulebookId, int version, String cycle, List<Integer> complianceYears,
                                 BigDecimal capShareOfObligation, String capRounding, LocalDate eligibleFiledBefore,
                                 LocalDate usableUntil, boolean excludeProjectsInsideNationalEtsCoverage,
                                 List<String> excludedProjectTypes, boolean firstCycleCancelledUnusedUsable,
                                 LocalDate applicationsOpenAfter, LocalDate applicationsDueBy,
                                 boolean newCcerAccepted, LocalDate newCcerRegisteredFrom) {

        static OffsetSettings of(OffsetRulebook rb) {
            return new OffsetSettings(rb.rulebookId(), rb.version(), rb.cycle(), rb.complianceYears(), rb.capShare(),
                    rb.capRounding().name(), rb.eligibleFiledBefore(), rb.usableUntil().date().value(),
                    rb.excludeCoveredProjects(), rb.excludedProjectTypes().stream().sorted().toList(),
                    rb.firstCycleLeftoversUsable(), rb.applicationOpens().date().value(),
                    rb.applicationDeadline().date().value(), rb.newCcerAccepted(), rb.newCcerRegisteredFrom());
        }
    }

    @GET
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY, Role.EXCHANGE})
    public OffsetSettings get(@PathParam("cycle") String cycle) {
        return rulebooks.current(cycle).map(OffsetSettings::of)
                .orElseThrow(() -> ProblemException.notFound("rulebook of cycle " + cycle));
    }
}

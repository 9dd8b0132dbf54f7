package cn.carbon.allocation.rest;

import cn.carbon.allocation.entity.VisibleEntities;
import cn.carbon.allocation.issuance.AllocationViews;
import cn.carbon.allocation.issuance.EntityAllocation;
import cn.carbon.allocation.rulebook.Rulebook;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.allocation.tables.ComplianceNotice;
import cn.carbon.allocation.tables.ComplianceNotices;
import cn.carbon.allocation.tables.NoticePdf;
import cn.carbon.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** One entity's allocation of a cycle and its compliance notice (履约通知书), scoped to the caller. */
@Path("/api/allocation/cycles/{cycle}/entities/{uscc}")
public class EntityAllocationResource {

    static final String PDF = "application/pdf";

    private final VisibleEntities entities;
    private final Rulebooks rulebooks;
    private final AllocationViews views;
    private final ComplianceNotices notices;
    private final NoticePdf pdf;

    public EntityAllocationResource(VisibleEntities entities, Rulebooks rulebooks, AllocationViews views,
                                    ComplianceNotices notices, NoticePdf pdf) {
        this.entities = entities;
        this.rulebooks = rulebooks;
        this.views = views;
        this.notices = notices;
        this.pdf = pdf;
    }

    @GET
    @Path("/allocation")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY, Role.MINISTRY, Role.ENTITY})
    public EntityAllocation allocation(@PathParam("cycle") String cycle, @PathParam("uscc") String uscc) {
        Rulebook rb = rulebooks.current(cycle);
        return views.entity(rb, entities.get(uscc));
    }

    @GET
    @Path("/compliance-notice")
    @Produces({MediaType.APPLICATION_JSON, PDF})
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY, Role.MINISTRY, Role.ENTITY})
    public Response complianceNotice(@PathParam("cycle") String cycle, @PathParam("uscc") String uscc,
                                     @Context HttpHeaders headers) {
        Rulebook rb = rulebooks.current(cycle);
        ComplianceNotice notice = notices.notice(rb, entities.get(uscc));
        boolean wantsPdf = headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> PDF.equals(m.getType() + "/" + m.getSubtype()));
        if (wantsPdf) {
            return Response.ok(pdf.render(notice), PDF)
                    .header("Content-Disposition", "inline; filename=\"" + notice.content().noticeNo() + ".pdf\"")
                    .build();
        }
        return Response.ok(notice, MediaType.APPLICATION_JSON).build();
    }
}

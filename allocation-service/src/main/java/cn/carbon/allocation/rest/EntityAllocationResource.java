package cn.carbon.allocation.rest;

import cn.carbon.allocation.entity.KeyEmittingEntity;
import cn.carbon.allocation.entity.VisibleEntities;
import cn.carbon.allocation.issuance.AllocationViews;
import cn.carbon.allocation.issuance.EntityAllocation;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.allocation.tables.ComplianceNotice;
import cn.carbon.allocation.tables.ComplianceNotices;
import cn.carbon.allocation.tables.NoticeDeliveries;
import cn.carbon.allocation.tables.NoticePdf;
import cn.carbon.platform.security.Caller;
import cn.carbon.platform.web.IdempotentCommands;
import cn.carbon.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;

/**
 * One entity's allocation of a cycle and its compliance notice (履约通知书): the notice, its sending (by the right role)
 * and the entity's acknowledgement; scoped to the caller.
 */
@Path("/api/allocation/cycles/{cycle}/entities/{uscc}")
public class EntityAllocationResource {

    static final String PDF = "application/pdf";

    private final VisibleEntities entities;
    private final Rulebooks rulebooks;
    private final AllocationViews views;
    private final ComplianceNotices notices;
    private final NoticePdf pdf;
    private final NoticeDeliveries deliveries;
    private final IdempotentCommands idempotent;
    private final Caller caller;
    private final Json json;

    public EntityAllocationResource(VisibleEntities entities, Rulebooks rulebooks, AllocationViews views,
                                    ComplianceNotices notices, NoticePdf pdf, NoticeDeliveries deliveries,
                                    IdempotentCommands idempotent, Caller caller, Json json) {
        this.deliveries = deliveries;
        this.idempotent = idempotent;
        this.caller = caller;
        this.json = json;
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
        KeyEmittingEntity e = entities.get(uscc);
        ComplianceNotice notice = notices.notice(rb, e).delivered(deliveries.of(rb, e));
        boolean wantsPdf = headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> PDF.equals(m.getType() + "/" + m.getSubtype()));
        if (wantsPdf) {
            return Response.ok(pdf.render(notice), PDF)
                    .header("Content-Disposition", "inline; filename=\"" + notice.content().noticeNo() + ".pdf\"")
                    .build();
        }
        return Response.ok(notice, MediaType.APPLICATION_JSON).build();
    }

    /** Sends the notice: the province for a special entity, the registry for the others (else 403 naming who). */
    @POST
    @Path("/compliance-notice/send")
    @Consumes(MediaType.WILDCARD) // the body (an optional {"lateReason"}) may be absent, of any type
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY})
    public Response sendNotice(@PathParam("cycle") String cycle, @PathParam("uscc") String uscc,
                               @QueryParam("lateReason") String lateReason, InputStream body,
                               @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Rulebook rb = rulebooks.current(cycle);
        KeyEmittingEntity e = entities.get(uscc);
        String reason = LateReasons.of(lateReason, body, json.mapper());
        String role = caller.is(Role.REGISTRY) ? Role.REGISTRY : Role.PROVINCE;
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey,
                "compliance-notice/send " + cycle + " " + uscc, () -> new IdempotentCommands.Answer(200,
                        json.write(deliveries.send(rb, e, role, caller.name(), reason))));
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    /** The entity acknowledges receipt of its notice. */
    @POST
    @Path("/compliance-notice/acknowledge")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed(Role.ENTITY)
    public ComplianceNotice.Delivery acknowledgeNotice(@PathParam("cycle") String cycle,
                                                       @PathParam("uscc") String uscc) {
        Rulebook rb = rulebooks.current(cycle);
        return deliveries.acknowledge(rb, entities.get(uscc), caller.name());
    }
}

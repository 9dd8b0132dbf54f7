package cn.carbon.platform.audit;

import cn.carbon.contracts.AuditAnchor;
import cn.carbon.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Optional;

/**
 * The registry-only check of a service's audit chain against the newest anchor on Kafka, and an anchor on demand;
 * each service mounts it under its own prefix with a one-line subclass ({@code @Path("/api/<service>/audit")}).
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class AuditEndpoint {

    @Inject
    AuditTrail trail;
    @Inject
    AuditAnchors anchors;

    @GET
    @Path("/verification")
    @RolesAllowed(Role.REGISTRY)
    public AuditTrail.Verification verification() {
        Optional<AuditAnchors.Found> newest;
        try {
            newest = anchors.latest();
        } catch (IllegalStateException e) {
            return trail.verifyWithoutAnchor(e.getMessage());
        }
        return trail.verify(newest);
    }

    /** Anchors the chain's head now (as the schedule does every {@code carbon.audit.anchor-every}). */
    @POST
    @Path("/anchors")
    @RolesAllowed(Role.REGISTRY)
    public AuditAnchor anchor() {
        return anchors.anchor();
    }
}

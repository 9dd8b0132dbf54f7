package cn.carbon.allocation.rest;

import cn.carbon.platform.audit.AuditEndpoint;
import jakarta.ws.rs.Path;

/** GET /api/allocation/audit/verification: whether this service's audit chain is intact (registry only). */
@Path("/api/allocation/audit")
public class AuditResource extends AuditEndpoint {
}

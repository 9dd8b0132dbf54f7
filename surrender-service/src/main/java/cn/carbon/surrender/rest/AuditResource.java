package cn.carbon.surrender.rest;

import cn.carbon.platform.audit.AuditEndpoint;
import jakarta.ws.rs.Path;

/** GET /api/surrender/audit/verification: whether this service's audit chain is intact (registry only). */
@Path("/api/surrender/audit")
public class AuditResource extends AuditEndpoint {
}

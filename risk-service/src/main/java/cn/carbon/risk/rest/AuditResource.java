package cn.carbon.risk.rest;

import cn.carbon.platform.audit.AuditEndpoint;
import jakarta.ws.rs.Path;

/** GET /api/risk/audit/verification: whether this service's audit chain is intact (registry only). */
@Path("/api/risk/audit")
public class AuditResource extends AuditEndpoint {
}

package cn.carbon.offset.rest;

import cn.carbon.platform.audit.AuditEndpoint;
import jakarta.ws.rs.Path;

/** GET /api/offsets/audit/verification: whether this service's audit chain is intact (registry only). */
@Path("/api/offsets/audit")
public class AuditResource extends AuditEndpoint {
}

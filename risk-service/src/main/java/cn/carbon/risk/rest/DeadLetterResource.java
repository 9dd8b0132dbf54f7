package cn.carbon.risk.rest;

import cn.carbon.platform.deadletter.DeadLetterEndpoint;
import jakarta.ws.rs.Path;

/** GET /api/risk/dead-letters: what this service's consumers dead-lettered, per topic (registry only). */
@Path("/api/risk/dead-letters")
public class DeadLetterResource extends DeadLetterEndpoint {
}

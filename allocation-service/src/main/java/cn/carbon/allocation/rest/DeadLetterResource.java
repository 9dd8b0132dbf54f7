package cn.carbon.allocation.rest;

import cn.carbon.platform.deadletter.DeadLetterEndpoint;
import jakarta.ws.rs.Path;

/** GET /api/allocation/dead-letters: what this service's consumers dead-lettered, per topic (registry only). */
@Path("/api/allocation/dead-letters")
public class DeadLetterResource extends DeadLetterEndpoint {
}

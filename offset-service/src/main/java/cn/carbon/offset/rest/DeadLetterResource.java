package cn.carbon.offset.rest;

import cn.carbon.platform.deadletter.DeadLetterEndpoint;
import jakarta.ws.rs.Path;

/** GET /api/offsets/dead-letters: what this service's consumers dead-lettered, per topic (registry only). */
@Path("/api/offsets/dead-letters")
public class DeadLetterResource extends DeadLetterEndpoint {
}

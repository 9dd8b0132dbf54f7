package cn.carbon.surrender.rest;

import cn.carbon.platform.deadletter.DeadLetterEndpoint;
import jakarta.ws.rs.Path;

/** GET /api/surrender/dead-letters: what this service's consumers dead-lettered, per topic (registry only). */
@Path("/api/surrender/dead-letters")
public class DeadLetterResource extends DeadLetterEndpoint {
}

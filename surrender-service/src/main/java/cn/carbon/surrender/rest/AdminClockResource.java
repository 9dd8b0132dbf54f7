package cn.carbon.surrender.rest;

import cn.carbon.platform.time.ClockEndpoint;
import jakarta.ws.rs.Path;

/** The business clock deadlines are judged by: read by the registry, moved only where it is adjustable. */
@Path("/api/surrender/admin")
public class AdminClockResource extends ClockEndpoint {
}

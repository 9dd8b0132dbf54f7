package cn.carbon.allocation.rest;

import cn.carbon.platform.time.ClockEndpoint;
import jakarta.ws.rs.Path;

/** GET/PUT /api/allocation/admin/clock: the business clock deadlines are judged by (registry). */
@Path("/api/allocation/admin")
public class ClockResource extends ClockEndpoint {
}

package cn.carbon.offset.rest;

import cn.carbon.platform.time.ClockEndpoint;
import jakarta.ws.rs.Path;

/** GET/PUT /api/offsets/admin/clock: the business clock deadlines are judged by (registry). */
@Path("/api/offsets/admin")
public class ClockResource extends ClockEndpoint {
}

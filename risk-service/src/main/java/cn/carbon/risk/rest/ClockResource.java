package cn.carbon.risk.rest;

import cn.carbon.platform.time.ClockEndpoint;
import jakarta.ws.rs.Path;

/** GET/PUT /api/risk/admin/clock: the business clock deadlines are judged by (registry). */
@Path("/api/risk/admin")
public class ClockResource extends ClockEndpoint {
}

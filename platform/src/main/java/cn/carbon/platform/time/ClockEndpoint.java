package cn.carbon.platform.time;

import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The business clock of a service, mounted by each under {@code /api/<service>/admin} with a one-line subclass.
 * Reading is for the registry; moving it only where the clock is adjustable (season runs, the local stack).
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class ClockEndpoint {

    @Inject
    BusinessClock clock;

    public record ClockView(Instant now, boolean adjustable) {
    }

    public record ClockSetting(String now) {
    }

    @GET
    @Path("/clock")
    @RolesAllowed(Role.REGISTRY)
    public ClockView read() {
        return new ClockView(clock.instant(), clock.adjustable());
    }

    @PUT
    @Path("/clock")
    @RolesAllowed(Role.REGISTRY)
    public ClockView set(ClockSetting setting) {
        if (setting == null || setting.now() == null) {
            throw ProblemException.invalid("now", "an ISO-8601 instant with offset is required");
        }
        try {
            clock.set(OffsetDateTime.parse(setting.now()).toInstant());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("now", "not an ISO-8601 instant with offset: " + setting.now());
        }
        return read();
    }
}

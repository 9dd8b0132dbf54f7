package cn.carbon.risk.rest;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.risk.reports.WeeklyReport;
import cn.carbon.risk.reports.WeeklyReports;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A province's weekly net-purchase report in the final month before the deadline: JSON or CSV. */
@Path("/api/risk/provinces/{code}/weekly-reports")
public class WeeklyReportResource {

    private final WeeklyReports reports;
    private final Caller caller;

    public WeeklyReportResource(WeeklyReports reports, Caller caller) {
        this.reports = reports;
        this.caller = caller;
    }

    /** JSON unless the caller accepts {@code text/csv} (and not JSON first). */
    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.REGISTRY, Role.MINISTRY})
    public Response get(@PathParam("code") String code, @QueryParam("week") String week,
                        @HeaderParam("Accept") String accept) {
        WeeklyReport report = report(code, week);
        if (accept != null && accept.contains("text/csv") && !accept.contains("json")) {
            return Response.ok(report.toCsv(), "text/csv; charset=UTF-8").build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    private WeeklyReport report(String code, String week) {
        String province = caller.provinceFilter(code); // another province's: 404
        if (province == null || !province.matches("\\d{6}")) {
            throw ProblemException.invalid("code", "a six-digit province code (GB/T 2260)");
        }
        if (week == null || week.isBlank()) {
            throw ProblemException.invalid("week", "required: a date inside the week (YYYY-MM-DD)");
        }
        try {
            return reports.forWeekOf(province, LocalDate.parse(week));
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("week", "not a date (YYYY-MM-DD): " + week);
        }
    }
}

package cn.carbon.surrender.rest;

import cn.carbon.platform.web.OpenApiContract;
import cn.carbon.platform.web.Page;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.compliance.ComplianceQueries;
import cn.carbon.surrender.compliance.ComplianceStatus;
import cn.carbon.surrender.rulebook.Rulebook;
import cn.carbon.surrender.rulebook.CycleInForce;
import jakarta.annotation.security.PermitAll;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The public annual compliance report (年度履约情况公开表), in the manner of the EU registry's public compliance table:
 * per entity and compliance year one code, searchable by name, USCC and province, for anyone without a token (GET and
 * HEAD only, the gateway lets nothing else through). It shows what the market publishes and nothing more: no holdings,
 * no quantities.
 */
@Path("/api/surrender/public/compliance-report")
@Produces(MediaType.APPLICATION_JSON)
public class PublicComplianceReportResource {

    private static final Pattern PROVINCE = Pattern.compile("\\d{6}");
    private static final int MAX_QUERY = 100;

    private final ComplianceQueries queries;
    private final CycleInForce rulebooks;
    private final Clock clock;

    public PublicComplianceReportResource(ComplianceQueries queries, CycleInForce rulebooks, Clock clock) {
        this.queries = queries;
        this.rulebooks = rulebooks;
        this.clock = clock;
    }

    /**
     * The public code of a year: complied by the deadline, complied after it, not complied after it, exempt (dissolved,
     * no obligation), or still before the deadline.
     */
    public enum Code {
        ON_TIME, LATE, NOT_COMPLIED, EXEMPT, IN_PROGRESS;

        static Code of(ComplianceStatus status) {
            return switch (status) {
                case COMPLIANT -> ON_TIME;
                case COMPLIANT_LATE -> LATE;
                case OVERDUE -> NOT_COMPLIED;
                case EXEMPT -> EXEMPT;
                case OPEN -> IN_PROGRESS;
            };
        }
    }

    /** {@code completedOn}: the day (the rulebook's time zone) the year was complied, for ON_TIME and LATE. */
    public record Line(String uscc, String name, String provinceCode, int complianceYear, Code code,
                       LocalDate completedOn) {
    }

    public record Report(String cycle, LocalDate deadline, Instant asOf, List<Line> items, int page, int size,
                         long total, Map<Code, Long> byCode) {
    }

    @GET
    @Transactional
    @PermitAll
    @Extension(name = OpenApiContract.PUBLIC, value = "true")
    public Report report(@QueryParam("cycle") String cycle, @QueryParam("year") Integer year,
                         @QueryParam("province") String province, @QueryParam("q") String q,
                         @QueryParam("code") String code, @QueryParam("page") @DefaultValue("0") int page,
                         @QueryParam("size") @DefaultValue("50") int size) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        if (province != null && !province.isBlank() && !PROVINCE.matcher(province).matches()) {
            throw ProblemException.invalid("province", "a province code of 6 digits, e.g. 320000");
        }
        if (q != null && q.length() > MAX_QUERY) {
            throw ProblemException.invalid("q", "at most " + MAX_QUERY + " characters");
        }
        Code wanted = parse(code);
        // no cycle named: the one covering the year asked for, else the newest
        Rulebook rulebook = (cycle == null || cycle.isBlank()) && year != null
                ? rulebooks.forYear(year).orElseGet(() -> rulebooks.governing(null)) : rulebooks.governing(cycle);
        if (year != null && !rulebook.covers(year)) {
            throw ProblemException.invalid("year", "cycle " + rulebook.cycle() + " covers " + rulebook.complianceYears());
        }
        Instant cutoff = Requests.asOfEnd(null, rulebook.timeZone(), clock.instant());
        String needle = q == null || q.isBlank() ? null : q.strip();
        List<Line> all = queries.states(rulebook, province == null || province.isBlank() ? null : province, year, null,
                        needle, cutoff)
                .stream()
                .map(s -> new Line(s.uscc(), s.name(), s.provinceCode(), s.complianceYear(), Code.of(s.status()),
                        s.status().complied() && s.completedAt() != null
                                ? s.completedAt().atZone(rulebook.timeZone()).toLocalDate() : null))
                .toList();
        Map<Code, Long> byCode = new EnumMap<>(Code.class);
        all.forEach(l -> byCode.merge(l.code(), 1L, Long::sum));
        List<Line> matching = wanted == null ? all : all.stream().filter(l -> l.code() == wanted).toList();
        int from = (int) Math.min(matching.size(), (long) page * size);
        return new Report(rulebook.cycle(), rulebook.deadlines().get(Rulebook.COMPLIANCE_DEADLINE), cutoff.minusNanos(1),
                matching.subList(from, Math.min(matching.size(), from + size)), page, size, matching.size(), byCode);
    }

    private static Code parse(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        try {
            return Code.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("code", "must be one of " + Arrays.toString(Code.values()));
        }
    }
}

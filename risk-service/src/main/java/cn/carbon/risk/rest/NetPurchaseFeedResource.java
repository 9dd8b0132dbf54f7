package cn.carbon.risk.rest;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.risk.feeds.FeedReceipt;
import cn.carbon.risk.feeds.FeedService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.persistence.EntityManager;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The exchange's weekly net-purchase feed: CSV ({@code uscc,week_start,week_end,bought_t,sold_t}) or JSON, streamed
 * from the request body; all rows or none; re-sending a week replaces it and keeps the earlier versions.
 */
@Path("/api/risk/net-purchase-feeds")
@Produces(MediaType.APPLICATION_JSON)
public class NetPurchaseFeedResource {

    private final FeedService feeds;
    private final Caller caller;
    private final EntityManager em;
    private final ObjectMapper json;

    public NetPurchaseFeedResource(FeedService feeds, Caller caller, EntityManager em, ObjectMapper json) {
        this.feeds = feeds;
        this.caller = caller;
        this.em = em;
        this.json = json;
    }

    /** CSV ({@code text/csv}, the default) or JSON ({@code application/json}), chosen by the upload's Content-Type. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.EXCHANGE)
    public Response receive(InputStream body, @HeaderParam("Content-Type") String contentType,
                            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        FeedService.Format format = contentType != null && contentType.toLowerCase().contains("json")
                ? FeedService.Format.JSON : FeedService.Format.CSV;
        return created(feeds.receive(body, format, caller.name(), idempotencyKey));
    }

    private static Response created(FeedReceipt receipt) {
        return Response.status(201).entity(receipt).type(MediaType.APPLICATION_JSON).build();
    }

    public record FeedView(String feedId, String source, String receivedBy, Instant receivedAt, long rowCount,
                           String status, JsonNode rejection) {
    }

    public record WeekVersion(LocalDate weekStart, LocalDate weekEnd, int version, String feedId, String replacedFeedId,
                              Instant acceptedAt, boolean current) {
    }

    @GET
    @Path("/{feedId}")
    @Transactional
    @RolesAllowed({Role.EXCHANGE, Role.REGISTRY, Role.MINISTRY})
    public FeedView get(@PathParam("feedId") String feedId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select feed_id, source, received_by, received_at, row_count, status, "
                + "cast(errors as text) from net_purchase_feed where feed_id = ?1").setParameter(1, feedId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("feed " + feedId);
        }
        Object[] r = rows.get(0);
        try {
            return new FeedView((String) r[0], (String) r[1], (String) r[2], instant(r[3]), ((Number) r[4]).longValue(),
                    (String) r[5], r[6] == null ? null : json.readTree((String) r[6]));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every version of the week containing {@code week} (a date), newest first: the history of replacements. */
    @GET
    @Transactional
    @RolesAllowed({Role.EXCHANGE, Role.REGISTRY, Role.MINISTRY})
    public List<WeekVersion> history(@QueryParam("week") String week) {
        if (week == null || week.isBlank()) {
            throw ProblemException.invalid("week", "required: a date inside the week (YYYY-MM-DD)");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(week);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("week", "not a date (YYYY-MM-DD): " + week);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select v.week_start, v.week_end, v.version, v.feed_id, v.replaced_feed_id, v.accepted_at,
                               (w.feed_id = v.feed_id) as current
                        from net_purchase_week_version v join net_purchase_week w on w.week_start = v.week_start
                        where v.week_start <= ?1 and v.week_end >= ?1 order by v.version desc""")
                .setParameter(1, day).getResultList();
        return rows.stream().map(r -> new WeekVersion(date(r[0]), date(r[1]), ((Number) r[2]).intValue(), (String) r[3],
                (String) r[4], instant(r[5]), Boolean.TRUE.equals(r[6]))).toList();
    }

    static LocalDate date(Object o) {
        return o instanceof LocalDate d ? d : ((java.sql.Date) o).toLocalDate();
    }

    static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) o).toInstant();
    }
}

package cn.carbon.risk.rest;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.Page;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.risk.alerts.AlertStream;
import cn.carbon.risk.alerts.AlertView;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.persistence.EntityManager;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Risk alerts: listed and streamed (SSE) to the entity's province, the exchange, the registry and the ministry. A
 * province sees only its own; asking for another answers 404.
 */
@Path("/api/risk/alerts")
public class AlertResource {

    private final Caller caller;
    private final EntityManager em;
    private final AlertStream stream;
    private final ObjectMapper json;

    public AlertResource(Caller caller, EntityManager em, AlertStream stream, ObjectMapper json) {
        this.caller = caller;
        this.em = em;
        this.stream = stream;
        this.json = json;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed({Role.PROVINCE, Role.EXCHANGE, Role.REGISTRY, Role.MINISTRY})
    public Page<AlertView> list(@QueryParam("province") String province, @QueryParam("since") String since,
                                @QueryParam("page") @DefaultValue("0") int page,
                                @QueryParam("size") @DefaultValue("50") int size) {
        String filter = scope(province);
        Instant from = since(since);
        Page.checkedPage(page);
        Page.checkedSize(size);
        String where = " where (?1 = '' or province_code = ?1) and raised_at >= ?2";
        long total = ((Number) em.createNativeQuery("select count(*) from risk_alert" + where)
                .setParameter(1, filter == null ? "" : filter).setParameter(2, from).getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select alert_id, uscc, province_code, cycle, compliance_year, "
                        + "risk_index, level, previous_level, cast(factors as text), raised_at from risk_alert" + where
                        + " order by raised_at desc, alert_id limit ?3 offset ?4")
                .setParameter(1, filter == null ? "" : filter).setParameter(2, from)
                .setParameter(3, size).setParameter(4, (long) page * size).getResultList();
        return new Page<>(rows.stream().map(this::view).toList(), page, size, total);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.PROVINCE, Role.EXCHANGE, Role.REGISTRY, Role.MINISTRY})
    public Multi<AlertView> stream(@QueryParam("province") String province) {
        String filter = scope(province);
        return stream.subscribe(a -> filter == null || filter.equals(a.provinceCode()));
    }

    /** The province a caller's alerts are limited to (null: all). */
    private String scope(String requested) {
        if (caller.is(Role.EXCHANGE)) {
            return requested == null || requested.isBlank() ? null : requested;
        }
        String p = caller.provinceFilter(requested);
        return p == null || p.isBlank() ? null : p;
    }

    private static Instant since(String since) {
        if (since == null || since.isBlank()) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("since", "an ISO-8601 instant, e.g. 2023-12-04T00:00:00Z: " + since);
        }
    }

    private AlertView view(Object[] r) {
        try {
            Map<String, Double> factors = json.readValue((String) r[8], new TypeReference<>() {
            });
            return new AlertView(r[0] instanceof UUID u ? u : UUID.fromString(r[0].toString()), (String) r[1],
                    (String) r[2], (String) r[3], ((Number) r[4]).intValue(), ((Number) r[5]).intValue(), (String) r[6],
                    (String) r[7], factors, NetPurchaseFeedResource.instant(r[9]));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package cn.carbon.surrender.rest;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.certificates.CertificatePdf;
import cn.carbon.surrender.certificates.Certificates;
import cn.carbon.platform.directory.KnownEntity;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.PermitAll;
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

import java.time.Clock;
import java.time.Instant;

/** 履约证明 as JSON or PDF for those who may see the entity; a verification anyone may ask, without a token. */
@Path("/api/surrender/certificates")
public class CertificateResource {

    public static final String PDF = "application/pdf";

    private final Certificates certificates;
    private final Caller caller;
    private final Clock clock;

    public CertificateResource(Certificates certificates, Caller caller, Clock clock) {
        this.certificates = certificates;
        this.caller = caller;
        this.clock = clock;
    }

    public record CertificateView(String certificateId, JsonNode certificate, String signature, String keyId,
                                  String algorithm, String verification) {
    }

    public record Summary(String uscc, String entityName, String cycle, int complianceYear, long obligationT,
                          String status, String completedAt, String issuedAt) {
    }

    /**
     * @param genuine whether the registry issued it as shown (signature valid, and equal to the presented one)
     * @param current whether the year still stands complied under it (false once an obligation raised later reopened it)
     */
    public record Verification(String certificateId, boolean genuine, boolean current, String keyId, Summary summary,
                               Instant checkedAt) {
    }

    /** JSON, or the PDF when the caller accepts application/pdf (and not JSON first). */
    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, PDF})
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY})
    public Response get(@PathParam("id") String id, @HeaderParam("Accept") String accept) {
        Certificates.Certificate c = visible(id);
        if (accept != null && accept.contains(PDF) && !accept.contains(MediaType.APPLICATION_JSON)) {
            return Response.ok(CertificatePdf.render(c, certificates.payload(c), verificationPath(c.id())), PDF)
                    .header("Content-Disposition", "inline; filename=\"" + c.id() + ".pdf\"").build();
        }
        return Response.ok(new CertificateView(c.id(), certificates.payload(c), c.signature(), c.keyId(), "HMAC-SHA256",
                verificationPath(c.id())), MediaType.APPLICATION_JSON).build();
    }

    /** Anyone: whether the certificate is genuine (and, given {@code signature}, whether that is its signature). */
    @GET
    @Path("/{id}/verification")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @PermitAll
    public Verification verify(@PathParam("id") String id, @QueryParam("signature") String signature) {
        Certificates.Certificate c = certificates.find(id).orElseThrow(() -> ProblemException.notFound("certificate " + id));
        JsonNode p = certificates.payload(c);
        return new Verification(c.id(), certificates.genuine(c, signature), certificates.current(c), c.keyId(),
                new Summary(p.path("uscc").asText(), p.path("entityName").asText(), p.path("cycle").asText(),
                        p.path("complianceYear").asInt(), p.path("obligationT").asLong(), p.path("status").asText(),
                        p.path("completedAt").asText(), p.path("issuedAt").asText()), clock.instant());
    }

    private Certificates.Certificate visible(String id) {
        Certificates.Certificate c = certificates.find(id).orElseThrow(() -> ProblemException.notFound("certificate " + id));
        KnownEntity entity = KnownEntity.findById(c.uscc());
        caller.requireVisible(c.uscc(), entity == null ? null : entity.provinceCode, "certificate " + id);
        return c;
    }

    private static String verificationPath(String id) {
        return "/api/surrender/certificates/" + id + "/verification";
    }
}

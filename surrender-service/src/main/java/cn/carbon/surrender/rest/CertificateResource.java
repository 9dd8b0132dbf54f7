package cn.carbon.surrender.rest;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.OpenApiContract;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.certificates.CertificatePdf;
import cn.carbon.surrender.certificates.CertificateSigner;
import cn.carbon.surrender.certificates.Certificates;
import cn.carbon.platform.directory.KnownEntity;
import com.fasterxml.jackson.annotation.JsonInclude;
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
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 履约证明 as JSON or PDF for those who may see the entity; a verification anyone may ask without a token, and the
 * public keys to check one offline.
 */
@Path("/api/surrender/certificates")
public class CertificateResource {

    public static final String PDF = "application/pdf";

    public static final String KEYS_PATH = "/api/surrender/certificates/keys";
    public static final String GENUINE = "GENUINE";
    public static final String REVOKED = "REVOKED";
    public static final String UNKNOWN = "UNKNOWN";

    private final Certificates certificates;
    private final CertificateSigner signer;
    private final Caller caller;
    private final Clock clock;

    public CertificateResource(Certificates certificates, CertificateSigner signer, Caller caller, Clock clock) {
        this.certificates = certificates;
        this.signer = signer;
        this.caller = caller;
        this.clock = clock;
    }

    /** {@code signedPayload}: the exact text signed, to check {@code signature} offline with the published key. */
    public record CertificateView(String certificateId, JsonNode certificate, String signedPayload, String signature,
                                  String keyId, String algorithm, String verification, String keys) {
    }

    /**
     * The public answer: {@code GENUINE} (issued by the registry as kept, signature valid, and the presented one too if
     * given, the year still complied under it), {@code REVOKED} (genuine, but an obligation raised later reopened the
     * year) or {@code UNKNOWN} (no such certificate, or not as the registry signed it). Beyond the verdict, only what
     * the certificate itself shows; nothing for an unknown one.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verification(String certificateId, String verdict, String uscc, String entityName,
                               Integer complianceYear, String issuedAt, String keyId, Instant checkedAt) {
    }

    /** A published key (JWK, RFC 8037) and its X.509 SubjectPublicKeyInfo (base64) for tools such as openssl. */
    public record PublishedKey(String kid, String kty, String crv, String x, String alg, String use, boolean current,
                               String spki) {
    }

    public record PublishedKeys(List<PublishedKey> keys) {
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
        return Response.ok(new CertificateView(c.id(), certificates.payload(c), c.payload(), c.signature(), c.keyId(),
                CertificateSigner.ALGORITHM, verificationPath(c.id()), KEYS_PATH), MediaType.APPLICATION_JSON).build();
    }

    /** Anyone, GET or HEAD only: genuine, revoked or unknown (given {@code signature}: whether that is its signature). */
    @GET
    @Path("/{id}/verification")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @PermitAll
    @Extension(name = OpenApiContract.PUBLIC, value = "true")
    public Verification verify(@PathParam("id") String id, @QueryParam("signature") String signature) {
        Optional<Certificates.Certificate> found = certificates.find(id);
        if (found.isEmpty() || !certificates.genuine(found.get(), signature)) {
            return new Verification(id, UNKNOWN, null, null, null, null, null, clock.instant());
        }
        Certificates.Certificate c = found.get();
        JsonNode p = certificates.payload(c);
        return new Verification(c.id(), certificates.current(c) ? GENUINE : REVOKED, p.path("uscc").asText(),
                p.path("entityName").asText(), p.path("complianceYear").asInt(), p.path("issuedAt").asText(), c.keyId(),
                clock.instant());
    }

    /** Anyone: the keys that sign certificates, so that a certificate can be checked offline. */
    @GET
    @Path("/keys")
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @Extension(name = OpenApiContract.PUBLIC, value = "true")
    public PublishedKeys keys() {
        List<PublishedKey> keys = new ArrayList<>();
        boolean first = true;
        for (Map.Entry<String, PublicKey> k : signer.publicKeys().entrySet()) {
            byte[] spki = k.getValue().getEncoded();
            // an Ed25519 SubjectPublicKeyInfo is a 12-byte header and the 32-byte key
            byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            keys.add(new PublishedKey(k.getKey(), "OKP", CertificateSigner.ALGORITHM,
                    Base64.getUrlEncoder().withoutPadding().encodeToString(raw), "EdDSA", "sig", first,
                    Base64.getEncoder().encodeToString(spki)));
            first = false;
        }
        return new PublishedKeys(keys);
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

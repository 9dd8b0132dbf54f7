package cn.carbon.surrender.certificates;

import cn.carbon.surrender.compliance.ComplianceStatus;
import cn.carbon.surrender.compliance.YearPosition;
import cn.carbon.surrender.ledger.Sql;
import cn.carbon.surrender.rulebook.Rulebook;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * 履约证明 (notice §五(三)): issued by the registry when an entity's year is complied, numbered, its payload signed and
 * kept byte for byte, so that anyone can later ask whether a certificate is genuine.
 */
@ApplicationScoped
public class Certificates {

    public static final String ISSUER = "全国碳排放权注册登记机构 (national carbon emission allowance registry)";

    private final EntityManager em;
    private final CertificateSigner signer;
    private final ObjectMapper json;

    public Certificates(EntityManager em, CertificateSigner signer, ObjectMapper json) {
        this.em = em;
        this.signer = signer;
        this.json = json;
    }

    public record Certificate(String id, long number, String uscc, int complianceYear, String payload, String signature,
                              String keyId, Instant issuedAt) {
    }

    /** Issues the certificate of a complied year inside the caller's transaction; returns its id. */
    public String issue(YearPosition position, ComplianceStatus status, Rulebook rulebook, String entityName,
                        String provinceCode, Instant at) {
        long number = ((Number) em.createNativeQuery("select nextval('certificate_number')").getSingleResult()).longValue();
        String id = CertificateIds.next(position.complianceYear());
        ObjectNode p = json.createObjectNode();
        p.put("certificateId", id);
        p.put("number", number);
        p.put("title", "履约证明 / Certificate of compliance");
        p.put("issuer", ISSUER);
        p.put("uscc", position.uscc());
        p.put("entityName", entityName);
        p.put("provinceCode", provinceCode);
        p.put("cycle", rulebook.cycle());
        p.put("complianceYear", position.complianceYear());
        p.put("obligationT", position.obligationT() + position.obligationAddedT());
        p.put("surrenderedT", position.surrenderedT());
        p.put("borrowedUsedT", position.borrowedUsedT());
        p.put("offsetT", position.offsetT());
        p.put("status", status.name());
        p.put("completedAt", position.completedAt().toString());
        p.put("issuedAt", at.toString());
        p.put("rulebook", rulebook.ref());
        String payload;
        try {
            payload = json.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        em.createNativeQuery("insert into certificate (id, number, uscc, compliance_year, payload, signature, key_id, issued_at) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .setParameter(1, id).setParameter(2, number).setParameter(3, position.uscc())
                .setParameter(4, position.complianceYear()).setParameter(5, payload).setParameter(6, signer.sign(payload))
                .setParameter(7, signer.keyId()).setParameter(8, Sql.at(at)).executeUpdate();
        return id;
    }

    public Optional<Certificate> find(String id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, number, uscc, compliance_year, payload, signature, key_id, "
                + "issued_at from certificate where id = ?1").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(r -> new Certificate((String) r[0], ((Number) r[1]).longValue(), (String) r[2],
                ((Number) r[3]).intValue(), (String) r[4], (String) r[5], (String) r[6], Sql.instant(r[7])));
    }

    /** Whether the kept payload still carries a valid signature (and, if given, the presented one is valid too). */
    public boolean genuine(Certificate c, String presentedSignature) {
        boolean intact = signer.verify(c.payload(), c.signature(), c.keyId());
        return intact && (presentedSignature == null || presentedSignature.isBlank()
                || signer.verify(c.payload(), presentedSignature, c.keyId()));
    }

    /** Whether the year still stands complied under this certificate (an obligation raised later withdraws it). */
    public boolean current(Certificate c) {
        return !em.createNativeQuery("select 1 from compliance_record where certificate_id = ?1")
                .setParameter(1, c.id()).getResultList().isEmpty();
    }

    public JsonNode payload(Certificate c) {
        try {
            return json.readTree(c.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("certificate " + c.id() + " payload unreadable", e);
        }
    }
}

package cn.carbon.allocation.tables;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * 履约通知书: what the registry tells an entity after verification (notice §五(三)): per year its obligation, what was
 * issued and where, the CCER cap, borrowing; the surrender deadline; and a verification code, the HMAC-SHA256 of the
 * content's JSON with the service's signing key ({@code carbon.notice.signing-key}). Beside the signed content, each
 * year's compliance status as the registry last reported it: it moves with every surrender, the notice does not.
 */
@RegisterForReflection // written with the ObjectMapper, not as a declared return type
public record ComplianceNotice(Content content, String verificationCode, String algorithm, List<Compliance> compliance,
                               Delivery delivery) {

    /** The notice with its delivery (who sent it, when; when the entity acknowledged); not part of the signed content. */
    public ComplianceNotice delivered(Delivery d) {
        return new ComplianceNotice(content, verificationCode, algorithm, compliance, d);
    }

    /**
     * Who sends the notice and when it was sent and acknowledged (notice §一: the province for a special entity, else
     * the registry); {@code sentAt} and after null before it was sent.
     *
     * @param sender the role that sends it: {@code registry} or {@code province}
     */
    @RegisterForReflection // written with the ObjectMapper, not as a declared return type
    public record Delivery(String sender, String sentBy, java.time.Instant sentAt, boolean late, String lateReason,
                           String acknowledgedBy, java.time.Instant acknowledgedAt) {
    }

    @RegisterForReflection // written with the ObjectMapper, not as a declared return type
    public record Content(String noticeNo, String cycle, String uscc, String name, String provinceCode, String status,
                          String destination, List<Year> years, String surrenderDeadline, String rulebookId,
                          int rulebookVersion) {
    }

    /**
     * @param issuedT net of every instruction sent for the year
     */
    @RegisterForReflection // written with the ObjectMapper, not as a declared return type
    public record Year(int year, String vintage, long verifiedEmissionsT, long obligationT, boolean obligationExempt,
                       long preAllocatedT, long verifiedAllocationT, long reliefT, long issuedT, String destination,
                       long ccerCapT, long borrowedT, List<String> eligibleVintages) {
    }

    /**
     * A year's compliance as last reported on carbon.compliance.v1; status, surrendered and asOf null before any record.
     *
     * @param status OPEN, COMPLIANT, COMPLIANT_LATE, OVERDUE or EXEMPT
     * @param asOf   when the registry reported it (ISO-8601 instant)
     */
    @RegisterForReflection // written with the ObjectMapper, not as a declared return type
    public record Compliance(int year, String status, Long surrenderedT, String asOf) {
    }
}

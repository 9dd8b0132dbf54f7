package cn.carbon.offset.applications;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A passed cap check of an application at one step, with the figures and the rulebook version it used. */
@Entity
@Table(name = "offset_cap_check")
public class CapCheck extends PanacheEntityBase {

    public enum Step {
        APPLICATION, REVIEW, CONFIRMATION
    }

    @Embeddable
    public record Key(@Column(name = "application_id") UUID applicationId, String step) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "checked_at")
    public Instant checkedAt;
    @Column(name = "rulebook_id")
    public String rulebookId;
    @Column(name = "rulebook_version")
    public int rulebookVersion;
    @Column(name = "obligation_t")
    public long obligationT;
    @Column(name = "cap_t")
    public long capT;
    @Column(name = "confirmed_t")
    public long confirmedT;
    @Column(name = "pending_t")
    public long pendingT;
    /** What the registry reported surrendered, and what remained owed before this application (null before V2). */
    @Column(name = "surrendered_t")
    public Long surrenderedT;
    @Column(name = "remaining_obligation_t")
    public Long remainingObligationT;

    public static List<CapCheck> of(UUID applicationId) {
        return list("key.applicationId = ?1 order by checkedAt", applicationId);
    }
}

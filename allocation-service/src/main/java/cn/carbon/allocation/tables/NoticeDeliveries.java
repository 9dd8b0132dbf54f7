package cn.carbon.allocation.tables;

import cn.carbon.allocation.deadlines.StageDeadlines;
import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.allocation.entity.KeyEmittingEntity;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.contracts.rulebook.StageAction;
import cn.carbon.allocation.support.Jdbc;
import cn.carbon.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who sends the 履约通知书 and when the entity acknowledged it (table {@code compliance_notice_delivery}). The sender is
 * the rulebook's {@code complianceNoticeSender} (notice §一: the province for its special entities, the registry for
 * the others). Sending is an allocation-stage action of the {@code issuanceAndComplianceNotice} deadline.
 */
@ApplicationScoped
public class NoticeDeliveries {

    private final Jdbc jdbc;
    private final StageDeadlines deadlines;
    private final ComplianceNotices notices;
    private final Clock clock;

    public NoticeDeliveries(Jdbc jdbc, StageDeadlines deadlines, ComplianceNotices notices, Clock clock) {
        this.jdbc = jdbc;
        this.deadlines = deadlines;
        this.notices = notices;
        this.clock = clock;
    }

    /**
     * The role that sends the entity's notice (rulebook {@code complianceNoticeSender}); 409 when the rulebook version
     * has none.
     */
    public static String senderOf(Rulebook rb, EntityStatus status) {
        if (rb.complianceNoticeSender() == null) {
            throw ProblemException.conflict("no-notice-sender", "No notice sender", "rulebook " + rb.ref()
                    + " has no complianceNoticeSender: the registry uploads a version with it");
        }
        return rb.complianceNoticeSender().value().of(status == EntityStatus.OPERATING).role();
    }

    /** Sends the notice as {@code role}: 403 naming the sender for the wrong role, 409 when already sent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ComplianceNotice.Delivery send(Rulebook rb, KeyEmittingEntity e, String role, String by, String lateReason) {
        String sender = senderOf(rb, e.status);
        if (!sender.equals(role)) {
            throw new ProblemException(403, "wrong-sender", "Not the sender of this notice",
                    "the 履约通知书 of " + e.uscc + " (status " + e.status + ") is sent by the " + sender
                            + " (rulebook complianceNoticeSender: " + rb.complianceNoticeSender().source() + ")",
                    List.of());
        }
        StageDeadlines.Judgement judged = deadlines.judge(rb, StageAction.COMPLIANCE_NOTICE, lateReason);
        notices.notice(rb, e); // 409 not-verified unless every year is verified
        if (find(rb.cycle(), e.uscc).map(d -> d.sentAt() != null).orElse(false)) {
            throw ProblemException.conflict("notice-already-sent", "Already sent",
                    "the 履约通知书 of " + e.uscc + " for " + rb.cycle() + " was sent already");
        }
        jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into compliance_notice_delivery (cycle, uscc, sender_role, sent_by, sent_at, late,
                                                            late_reason) values (?, ?, ?, ?, ?, ?, ?)""")) {
                Jdbc.bind(ps, rb.cycle(), e.uscc, role, by, judged.at(), judged.late(), judged.lateReason());
                return ps.executeUpdate();
            }
        });
        deadlines.record(rb, judged, List.of(e.provinceCode), e.uscc, by);
        return find(rb.cycle(), e.uscc).orElseThrow();
    }

    /** The entity acknowledges its notice (once; again changes nothing); 409 before it was sent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ComplianceNotice.Delivery acknowledge(Rulebook rb, KeyEmittingEntity e, String by) {
        ComplianceNotice.Delivery d = find(rb.cycle(), e.uscc).filter(x -> x.sentAt() != null)
                .orElseThrow(() -> ProblemException.conflict("notice-not-sent", "Not sent yet",
                        "the 履约通知书 of " + e.uscc + " has not been sent yet"));
        if (d.acknowledgedAt() != null) {
            return d;
        }
        Instant now = clock.instant();
        jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update compliance_notice_delivery set acknowledged_by = ?, acknowledged_at = ?
                    where cycle = ? and uscc = ? and acknowledged_at is null""")) {
                Jdbc.bind(ps, by, now, rb.cycle(), e.uscc);
                return ps.executeUpdate();
            }
        });
        return find(rb.cycle(), e.uscc).orElseThrow();
    }

    /** The delivery of the entity's notice; before sending: only who will send it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ComplianceNotice.Delivery of(Rulebook rb, KeyEmittingEntity e) {
        return find(rb.cycle(), e.uscc).orElse(new ComplianceNotice.Delivery(rb.complianceNoticeSender() == null ? null
                : senderOf(rb, e.status), null, null, false, null, null, null));
    }

    private Optional<ComplianceNotice.Delivery> find(String cycle, String uscc) {
        return jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select sender_role, sent_by, sent_at, late, late_reason, acknowledged_by, acknowledged_at
                    from compliance_notice_delivery where cycle = ? and uscc = ?""")) {
                Jdbc.bind(ps, cycle, uscc);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new ComplianceNotice.Delivery(rs.getString(1), rs.getString(2),
                            Jdbc.instant(rs.getTimestamp(3)), rs.getBoolean(4), rs.getString(5), rs.getString(6),
                            Jdbc.instant(rs.getTimestamp(7)))) : Optional.empty();
                }
            }
        });
    }
}

package cn.carbon.allocation.carryover;

import cn.carbon.allocation.entity.KeyEmittingEntity;
import cn.carbon.contracts.rulebook.FineRange;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.support.Jdbc;
import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The penalty case of an entity-year with a shortfall at the compliance deadline (Measures 2021 Art. 39, RULES.md §5
 * K23): the order to correct within a time limit (责令限期改正) and the fine (罚款) within the rulebook's
 * {@code penalties.fineRangeCny}, each with its document number, as the province records them.
 */
@ApplicationScoped
public class PenaltyCases {

    static final int MAX_DOCUMENT_NO = 200;

    private final Jdbc jdbc;
    private final CarryOvers carryOvers;
    private final Clock clock;

    public PenaltyCases(Jdbc jdbc, CarryOvers carryOvers, Clock clock) {
        this.jdbc = jdbc;
        this.carryOvers = carryOvers;
        this.clock = clock;
    }

    public record CorrectionOrderRequest(Integer complianceYear, String deadline, String documentNo) {
    }

    public record FineRequest(Integer complianceYear, BigDecimal amountCny, String documentNo) {
    }

    public record CorrectionOrder(LocalDate deadline, String documentNo, String recordedBy, Instant recordedAt) {
    }

    public record Fine(BigDecimal amountCny, String documentNo, String recordedBy, Instant recordedAt) {
    }

    /** 责令限期改正 and 罚款 of one entity-year; null until recorded. */
    public record PenaltyCase(String cycle, String uscc, int complianceYear, CorrectionOrder correctionOrder,
                              Fine fine) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public PenaltyCase orderCorrection(Rulebook rb, KeyEmittingEntity e, CorrectionOrderRequest r, String by) {
        List<Problem.FieldError> errors = new ArrayList<>();
        year(rb, r.complianceYear(), errors);
        LocalDate deadline = null;
        if (r.deadline() == null || r.deadline().isBlank()) {
            errors.add(Problem.FieldError.field("deadline", "required: the date by which to correct (YYYY-MM-DD)"));
        } else {
            try {
                deadline = LocalDate.parse(r.deadline());
            } catch (DateTimeParseException ex) {
                errors.add(Problem.FieldError.field("deadline", "must be a date YYYY-MM-DD"));
            }
        }
        documentNo(r.documentNo(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        requireShortfall(rb, e, r.complianceYear());
        LocalDate d = deadline;
        upsert(rb, e, r.complianceYear(), """
                insert into penalty_case (cycle, uscc, compliance_year, correction_deadline, correction_document_no,
                                          correction_recorded_by, correction_recorded_at) values (?, ?, ?, ?, ?, ?, ?)
                on conflict (cycle, uscc, compliance_year) do update set
                    correction_deadline = excluded.correction_deadline,
                    correction_document_no = excluded.correction_document_no,
                    correction_recorded_by = excluded.correction_recorded_by,
                    correction_recorded_at = excluded.correction_recorded_at""", d, r.documentNo().strip(), by);
        return find(rb.cycle(), e.uscc, r.complianceYear());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public PenaltyCase fine(Rulebook rb, KeyEmittingEntity e, FineRequest r, String by) {
        List<Problem.FieldError> errors = new ArrayList<>();
        year(rb, r.complianceYear(), errors);
        if (rb.penalties() == null) {
            throw ProblemException.conflict("no-fine-range", "No fine range", "rulebook " + rb.ref()
                    + " has no penalties.fineRangeCny: the registry uploads a version with it");
        }
        FineRange range = rb.penalties().fineRangeCny().value();
        if (r.amountCny() == null) {
            errors.add(Problem.FieldError.field("amountCny", "required: CNY " + range.min().toPlainString() + " to "
                    + range.max().toPlainString()));
        }
        documentNo(r.documentNo(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (!range.contains(r.amountCny())) {
            throw ProblemException.unprocessable("fine-out-of-range", "Fine out of range",
                    "a fine is CNY " + range.min().toPlainString() + " to " + range.max().toPlainString() + " ("
                            + rb.penalties().fineRangeCny().source() + ")",
                    List.of(Problem.FieldError.field("amountCny", "must be within CNY " + range.min().toPlainString()
                            + " to " + range.max().toPlainString() + " (rulebook penalties.fineRangeCny), was "
                            + r.amountCny().toPlainString())));
        }
        requireShortfall(rb, e, r.complianceYear());
        upsert(rb, e, r.complianceYear(), """
                insert into penalty_case (cycle, uscc, compliance_year, fine_cny, fine_document_no, fine_recorded_by,
                                          fine_recorded_at) values (?, ?, ?, ?, ?, ?, ?)
                on conflict (cycle, uscc, compliance_year) do update set fine_cny = excluded.fine_cny,
                    fine_document_no = excluded.fine_document_no, fine_recorded_by = excluded.fine_recorded_by,
                    fine_recorded_at = excluded.fine_recorded_at""", r.amountCny(), r.documentNo().strip(), by);
        return find(rb.cycle(), e.uscc, r.complianceYear());
    }

    /** The entity's penalty cases of the cycle, by year. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<PenaltyCase> of(String cycle, String uscc) {
        return query(cycle, uscc, null);
    }

    private PenaltyCase find(String cycle, String uscc, int year) {
        return query(cycle, uscc, year).get(0);
    }

    private List<PenaltyCase> query(String cycle, String uscc, Integer year) {
        return jdbc.work(c -> {
            List<PenaltyCase> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select compliance_year, correction_deadline, correction_document_no, correction_recorded_by,
                           correction_recorded_at, fine_cny, fine_document_no, fine_recorded_by, fine_recorded_at
                    from penalty_case where cycle = ? and uscc = ? and (cast(? as int) is null or compliance_year = ?)
                    order by compliance_year""")) {
                Jdbc.bind(ps, cycle, uscc, year, year);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        CorrectionOrder order = rs.getString(3) == null ? null : new CorrectionOrder(
                                rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4),
                                Jdbc.instant(rs.getTimestamp(5)));
                        Fine fine = rs.getString(7) == null ? null : new Fine(rs.getBigDecimal(6), rs.getString(7),
                                rs.getString(8), Jdbc.instant(rs.getTimestamp(9)));
                        out.add(new PenaltyCase(cycle, uscc, rs.getInt(1), order, fine));
                    }
                }
            }
            return out;
        });
    }

    private void upsert(Rulebook rb, KeyEmittingEntity e, int year, String sql, Object value, String documentNo,
                        String by) {
        Instant now = clock.instant();
        jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Jdbc.bind(ps, rb.cycle(), e.uscc, year, value, documentNo, by, now);
                return ps.executeUpdate();
            }
        });
    }

    /** 409 unless the entity-year had a shortfall at the compliance deadline. */
    private void requireShortfall(Rulebook rb, KeyEmittingEntity e, int year) {
        if (!carryOvers.hadShortfall(rb.cycle(), e.uscc, year)) {
            throw ProblemException.conflict("no-shortfall", "No shortfall at the deadline", "entity " + e.uscc
                    + " had no shortfall at the compliance deadline of " + year + ": there is no penalty case");
        }
    }

    private static void year(Rulebook rb, Integer year, List<Problem.FieldError> errors) {
        if (year == null || !rb.isComplianceYear(year)) {
            errors.add(Problem.FieldError.field("complianceYear", "must be a year of the cycle " + rb.complianceYears()));
        }
    }

    private static void documentNo(String documentNo, List<Problem.FieldError> errors) {
        if (documentNo == null || documentNo.isBlank()) {
            errors.add(Problem.FieldError.field("documentNo", "required: the decision's document number (文号)"));
        } else if (documentNo.length() > MAX_DOCUMENT_NO) {
            errors.add(Problem.FieldError.field("documentNo", "at most " + MAX_DOCUMENT_NO + " characters"));
        }
    }
}

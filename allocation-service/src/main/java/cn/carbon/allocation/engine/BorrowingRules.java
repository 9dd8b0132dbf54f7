package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.Deadline;
import cn.carbon.contracts.rulebook.GapRateDenominator;
import cn.carbon.contracts.rulebook.Rulebook;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Borrowing (预支) eligibility and ceiling (notice §一, §三; RULES.md §3 K17–K18, §4.8, §13.5): the gap rate
 * (gap over {@code settings.gapRateDenominator}) must reach {@code borrowing.gapRateThreshold}; the ceiling is
 * {@code borrowing.maxShareOfGap} × the gap, rounded per {@code rounding.borrowingCeiling}; special-situation
 * entities may not borrow ({@link DifferentiatedIssuance#mayBorrow}); an application after
 * {@code borrowing.applicationDeadline} (Asia/Shanghai) is refused.
 */
public final class BorrowingRules {

    private BorrowingRules() {
    }

    /** Why nobody may borrow under {@code rb}: it has no borrowing section (abolished from 2023). */
    public static String notAvailable(Rulebook rb) {
        return "borrowing is not available under rulebook " + rb.ref() + " (it has no borrowing section)";
    }

    /** Assessment of a computed year; {@code appliedAt} null: the deadline is not checked. */
    public static BorrowingAssessment assess(Rulebook rb, EntityYearAllocation a, Instant appliedAt) {
        return assess(rb, a.entityId(), a.year(), a.status(), a.verifiedEmissionsT(), a.issuedT(), a.gapT(),
                appliedAt);
    }

    public static BorrowingAssessment assess(Rulebook rb, String entityId, int year, EntityStatus status,
                                             long verifiedEmissionsT, long issuedT, long gapT, Instant appliedAt) {
        GapRateDenominator kind = rb.settings().gapRateDenominator().value();
        long denominator = switch (kind) {
            case VERIFIED_EMISSIONS -> verifiedEmissionsT;
            case ISSUED_ALLOCATION -> issuedT;
        };
        if (rb.borrowingRule().isEmpty()) {
            return new BorrowingAssessment(rb.ref(), entityId, year, status, gapT, kind, denominator, BigDecimal.ZERO,
                    null, false, 0, null, appliedAt, List.of(notAvailable(rb)));
        }
        BigDecimal threshold = rb.borrowing().gapRateThreshold().value();
        BigDecimal gap = BigDecimal.valueOf(gapT);
        BigDecimal rate = denominator == 0 ? BigDecimal.ZERO
                : gap.divide(BigDecimal.valueOf(denominator), MathContext.DECIMAL64);

        List<String> reasons = new ArrayList<>();
        if (!DifferentiatedIssuance.mayBorrow(status)) {
            reasons.add(DifferentiatedIssuance.NOTICE_1 + ": a " + status + " entity cannot borrow");
        }
        if (gapT <= 0) {
            reasons.add("no gap for " + year);
        } else if (denominator > 0
                && gap.compareTo(threshold.multiply(BigDecimal.valueOf(denominator))) < 0) {
            reasons.add("gap rate " + rate.toPlainString() + " (gap / " + kind + ") is below the threshold "
                    + threshold.toPlainString() + " (" + rb.borrowing().gapRateThreshold().path() + ")");
        }
        if (appliedAt != null) {
            Deadline d = rb.deadline(rb.borrowing().applicationDeadline().value());
            if (d.isMissedAt(appliedAt)) {
                reasons.add("applied after the deadline " + d.date().value() + " (" + d.zone() + ") ("
                        + d.date().path() + ")");
            }
        }
        boolean eligible = reasons.isEmpty();
        long ceiling = eligible
                ? rb.borrowing().maxShareOfGap().value().multiply(gap)
                .setScale(0, rb.rounding().borrowingCeiling().value()).longValueExact()
                : 0;
        return new BorrowingAssessment(rb.ref(), entityId, year, status, gapT, kind, denominator, rate, threshold,
                eligible, ceiling, rb.borrowing().sourceVintage().value(), appliedAt, List.copyOf(reasons));
    }
}

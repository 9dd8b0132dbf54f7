package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.GapRateDenominator;
import cn.carbon.contracts.rulebook.RulebookRef;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Whether an entity may borrow (预支) next-cycle allowances for one year, and how much at most (RULES.md §4.8).
 * The province still decides on the operating difficulty and the amount; this is the rule's part.
 *
 * @param gapRate      gap / denominator (16 significant digits; eligibility is decided exactly)
 * @param ceilingT     the most that may be borrowed: 0 unless eligible
 * @param appliedAt    the application time the deadline was checked against; null when not checked
 * @param reasons      why not eligible (empty when eligible)
 */
public record BorrowingAssessment(RulebookRef rulebook, String entityId, int year, EntityStatus status, long gapT,
                                  GapRateDenominator denominator, long denominatorT, BigDecimal gapRate,
                                  BigDecimal threshold, boolean eligible, long ceilingT, String sourceVintage,
                                  Instant appliedAt, List<String> reasons) {

    /** Whether a request for {@code requestedT} tonnes is within the rule. */
    public boolean allows(long requestedT) {
        return eligible && requestedT > 0 && requestedT <= ceilingT;
    }
}

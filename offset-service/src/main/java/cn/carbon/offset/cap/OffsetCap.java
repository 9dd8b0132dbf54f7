package cn.carbon.offset.cap;

import cn.carbon.offset.rulebook.OffsetRulebook;

import java.math.BigDecimal;

/**
 * The CCER offset cap of one entity and compliance year (notice §二, RULES.md §3 K19, §13.6, §16): the rulebook's
 * share of that year's obligation, rounded as the rulebook says (down). Per year: one year's cap never serves the
 * other year.
 */
public final class OffsetCap {

    private OffsetCap() {
    }

    public static long capT(OffsetRulebook rb, long obligationT) {
        if (obligationT < 0) {
            throw new IllegalArgumentException("obligation must not be negative: " + obligationT);
        }
        return rb.capShare().multiply(BigDecimal.valueOf(obligationT)).setScale(0, rb.capRounding()).longValueExact();
    }
}

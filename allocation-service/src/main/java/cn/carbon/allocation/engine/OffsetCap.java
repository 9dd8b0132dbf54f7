package cn.carbon.allocation.engine;

import cn.carbon.contracts.rulebook.Rulebook;

import java.math.BigDecimal;

/**
 * The CCER offset cap (notice §二, RULES.md §3 K19, §6, §16): {@code ccerOffset.capShareOfObligation} × the year's
 * obligation (应清缴配额量), rounded per {@code rounding.ccerCap} (down); per year, not transferable.
 */
public final class OffsetCap {

    private OffsetCap() {
    }

    public static long ccerCapT(Rulebook rb, long obligationT) {
        return rb.ccerOffset().capShareOfObligation().value().multiply(BigDecimal.valueOf(obligationT))
                .setScale(0, rb.rounding().ccerCap().value()).longValueExact();
    }
}

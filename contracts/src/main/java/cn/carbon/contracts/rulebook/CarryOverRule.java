package cn.carbon.contracts.rulebook;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * The carry-over cap (配额结转, docs/RULES-2023-2025.md §5): what an entity may carry past the cut-off is at most
 * {@code baseT + netSalesMultiplier × max(0, net sales)}, net sales being what it sold less what it bought in settled
 * trades of {@code vintages} from {@code netSalesFrom} to the cut-off; holdings of those vintages above the cap are
 * flagged (their fate is open), never deleted.
 *
 * @param cutOff key of the deadline in {@link Rulebook#deadlines()} at whose end holdings and net sales are taken
 */
public record CarryOverRule(RuleValue<Long> baseT, RuleValue<BigDecimal> netSalesMultiplier,
                            RuleValue<List<String>> vintages, RuleValue<LocalDate> netSalesFrom,
                            RuleValue<String> cutOff, RuleValue<RoundingMode> capRounding) {

    /** The cap for an entity's net sales (negative: a net buyer, counted as 0). */
    public long capT(long netSalesT) {
        return baseT.value() + netSalesMultiplier.value().multiply(BigDecimal.valueOf(Math.max(0, netSalesT)))
                .setScale(0, capRounding.value()).longValueExact();
    }
}

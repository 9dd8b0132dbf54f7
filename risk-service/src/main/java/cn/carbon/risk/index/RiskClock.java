package cn.carbon.risk.index;

import cn.carbon.risk.rulebook.RiskRulebooks;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;

/**
 * The day the index is computed for: {@code carbon.risk.as-of} when set (a replayed season), else the business
 * clock's day in the rulebook's time zone ({@link RiskRulebooks#today}, which also chooses the cycle in force by it).
 */
@ApplicationScoped
public class RiskClock {

    private final RiskRulebooks rulebooks;

    public RiskClock(RiskRulebooks rulebooks) {
        this.rulebooks = rulebooks;
    }

    public LocalDate today() {
        return rulebooks.today();
    }
}

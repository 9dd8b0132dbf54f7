package cn.carbon.risk.index;

import cn.carbon.platform.time.BusinessClock;
import cn.carbon.risk.rulebook.RiskRulebook;
import cn.carbon.risk.rulebook.RiskRulebooks;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;

/**
 * The day the index is computed for: {@code carbon.risk.as-of} when set (a replayed season), else the business
 * clock's day in the rulebook's time zone.
 */
@ApplicationScoped
public class RiskClock {

    private final RiskSettings settings;
    private final RiskRulebooks rulebooks;
    private final BusinessClock clock;

    public RiskClock(RiskSettings settings, RiskRulebooks rulebooks, BusinessClock clock) {
        this.settings = settings;
        this.rulebooks = rulebooks;
        this.clock = clock;
    }

    public LocalDate today() {
        return settings.asOf().orElseGet(() -> LocalDate.ofInstant(clock.instant(), rulebook().zone()));
    }

    private RiskRulebook rulebook() {
        return rulebooks.current();
    }
}

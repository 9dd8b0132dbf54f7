package cn.carbon.risk.index;

import cn.carbon.platform.time.BusinessClock;
import cn.carbon.risk.rulebook.RiskRulebook;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;

/**
 * The day the index is computed for: {@code carbon.risk.as-of} when set (a replayed season), else the business
 * clock's day in the rulebook's time zone.
 */
@ApplicationScoped
public class RiskClock {

    private final RiskSettings settings;
    private final RiskRulebook rulebook;
    private final BusinessClock clock;

    public RiskClock(RiskSettings settings, RiskRulebook rulebook, BusinessClock clock) {
        this.settings = settings;
        this.rulebook = rulebook;
        this.clock = clock;
    }

    public LocalDate today() {
        return settings.asOf().orElseGet(() -> LocalDate.ofInstant(clock.instant(), rulebook.zone()));
    }
}

package cn.carbon.risk.index;

import cn.carbon.risk.rulebook.RiskRulebook;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;

/** The day the index is computed for: {@code carbon.risk.as-of} when set (a replayed season), else today. */
@ApplicationScoped
public class RiskClock {

    private final RiskSettings settings;
    private final RiskRulebook rulebook;

    public RiskClock(RiskSettings settings, RiskRulebook rulebook) {
        this.settings = settings;
        this.rulebook = rulebook;
    }

    public LocalDate today() {
        return settings.asOf().orElseGet(() -> LocalDate.now(rulebook.zone()));
    }
}

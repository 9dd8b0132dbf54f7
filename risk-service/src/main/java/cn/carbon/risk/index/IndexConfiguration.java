package cn.carbon.risk.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one {@link RiskIndex} of the service, built from {@code carbon.risk.*} (a bad setting stops the start). */
@ApplicationScoped
public class IndexConfiguration {

    @Produces
    @Singleton
    RiskIndex riskIndex(RiskSettings settings) {
        return RiskIndex.from(settings);
    }
}

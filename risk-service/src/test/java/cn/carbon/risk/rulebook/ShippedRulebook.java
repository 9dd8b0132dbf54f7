package cn.carbon.risk.rulebook;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The rulebook file the service ships, for plain unit tests. */
public final class ShippedRulebook {

    private ShippedRulebook() {
    }

    public static RiskRulebook load() {
        return RulebookSource.load("classpath:rulebook/2021-2022.json", new ObjectMapper().findAndRegisterModules());
    }
}

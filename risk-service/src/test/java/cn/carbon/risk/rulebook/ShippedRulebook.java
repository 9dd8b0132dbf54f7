package cn.carbon.risk.rulebook;

import cn.carbon.contracts.rulebook.ShippedRulebooks;

/** The risk part of the shipped rulebook, for plain unit tests. */
public final class ShippedRulebook {

    private ShippedRulebook() {
    }

    public static RiskRulebook load() {
        return RiskRulebook.of(ShippedRulebooks.power2021To2022());
    }
}

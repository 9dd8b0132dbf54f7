package cn.carbon.risk.rulebook;

import cn.carbon.contracts.rulebook.RulebookLoader;
import cn.carbon.contracts.rulebook.ShippedRulebooks;

/** The risk part of the shipped rulebooks, for plain unit tests. */
public final class ShippedRulebook {

    /** The annual cycles' files (compliance is annual from 2023 on). */
    public static final String POWER_2023 = ShippedRulebooks.FOLDER + "CN-ETS-2023-power.json";
    public static final String ALL_2024 = ShippedRulebooks.FOLDER + "CN-ETS-2024.json";

    private ShippedRulebook() {
    }

    /** The 2021-2022 cycle (deadline 2023-12-31). */
    public static RiskRulebook load() {
        return RiskRulebook.of(ShippedRulebooks.power2021To2022());
    }

    /** The 2023 cycle (deadline 2024-12-31). */
    public static RiskRulebook cycle2023() {
        return RiskRulebook.of(RulebookLoader.fromClasspath(POWER_2023));
    }

    /** The 2024 cycle (deadline 2025-12-31). */
    public static RiskRulebook cycle2024() {
        return RiskRulebook.of(RulebookLoader.fromClasspath(ALL_2024));
    }
}

package cn.carbon.allocation.engine;

import cn.carbon.allocation.entity.EntityStatus;
import cn.carbon.contracts.rulebook.Cooling;
import cn.carbon.contracts.rulebook.ShippedRulebooks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.carbon.allocation.engine.Units.COAL_A;
import static cn.carbon.allocation.engine.Units.coal;
import static cn.carbon.allocation.engine.Units.condensing;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unit data the engine refuses, with the unit and the field named. */
class UnitDataValidationTest {

    private final AllocationEngine engine = new AllocationEngine(ShippedRulebooks.power2021To2022());

    @Test
    void unknownCategory() {
        assertThatThrownBy(() -> engine.unitAllowance(2021, condensing("U9", 2021, "COAL_SUPERCRITICAL", "1", "0.9", 0)))
                .isInstanceOf(UnitDataException.class)
                .hasMessageContaining("U9").hasMessageContaining("category").hasMessageContaining("COAL_SUPERCRITICAL");
    }

    @Test
    void ratiosOutsideZeroToOne() {
        assertThatThrownBy(() -> engine.unitAllowance(2021,
                coal("U1", 2021, COAL_A, Cooling.WATER, "1", "1", "1.2", "0.9", 0)))
                .isInstanceOf(UnitDataException.class).hasMessageContaining("heatRatio");
        assertThatThrownBy(() -> engine.unitAllowance(2021, condensing("U2", 2021, COAL_A, "1", "1.01", 0)))
                .isInstanceOf(UnitDataException.class).hasMessageContaining("loadFactor");
    }

    @Test
    void negativeQuantities() {
        assertThatThrownBy(() -> engine.unitAllowance(2021, condensing("U3", 2021, COAL_A, "-5", "0.9", 0)))
                .isInstanceOf(UnitDataException.class).hasMessageContaining("powerSupplyMwh");
        assertThatThrownBy(() -> engine.unitAllowance(2021, condensing("U4", 2021, COAL_A, "5", "0.9", -1)))
                .isInstanceOf(UnitDataException.class).hasMessageContaining("verifiedEmissionsT");
    }

    @Test
    void yearsAndDuplicates() {
        assertThatThrownBy(() -> engine.unitAllowance(2023, condensing("U5", 2023, COAL_A, "5", "0.9", 0)))
                .hasMessageContaining("2023 is not a compliance year");
        assertThatThrownBy(() -> engine.verify("E", EntityStatus.OPERATING, 2022,
                List.of(condensing("U6", 2021, COAL_A, "5", "0.9", 0)), 0))
                .isInstanceOf(UnitDataException.class).hasMessageContaining("U6").hasMessageContaining("year");
        assertThatThrownBy(() -> engine.preAllocate("E", EntityStatus.OPERATING,
                List.of(condensing("U7", 2022, COAL_A, "5", "0.9", 0))))
                .isInstanceOf(UnitDataException.class).hasMessageContaining("preAllocation.baseYear");
        assertThatThrownBy(() -> engine.verify("E", EntityStatus.OPERATING, 2021,
                List.of(condensing("U8", 2021, COAL_A, "5", "0.9", 0), condensing("U8", 2021, COAL_A, "6", "0.9", 0)), 0))
                .isInstanceOf(UnitDataException.class).hasMessageContaining("twice");
    }
}

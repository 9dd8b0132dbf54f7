package cn.carbon.console;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RiskMapTest {

    private static RiskMap.Alert alert(String uscc, String province, String level) {
        return new RiskMap.Alert(uscc, province, 2022, level, Instant.parse("2023-07-20T01:00:00Z"));
    }

    @Test
    void eachProvinceHasTheHighestLevelItsEntitiesReachedItsAlertingEntitiesAndItsAlerts() {
        List<RiskMap.ProvinceRisk> provinces = RiskMap.fromAlerts(List.of(
                alert("A", "620000", "HIGH"), alert("A", "620000", "CRITICAL"), alert("B", "620000", "HIGH"),
                alert("C", "110000", "HIGH")));

        assertThat(provinces).extracting(RiskMap.ProvinceRisk::provinceCode).containsExactly("620000", "110000");
        RiskMap.ProvinceRisk gansu = provinces.get(0);
        assertThat(gansu.mapName()).isEqualTo("甘肃");
        assertThat(gansu.highestLevel()).isEqualTo("CRITICAL");
        assertThat(gansu.rank()).isEqualTo(4);
        assertThat(gansu.alertingEntities()).isEqualTo(2);
        assertThat(gansu.alerts()).isEqualTo(3);
        assertThat(provinces.get(1)).isEqualTo(new RiskMap.ProvinceRisk("110000", "北京", "HIGH", 3, 1, 1));
    }

    @Test
    void provincesOfTheSameLevelAreInCodeOrderAndNoAlertsIsNoProvince() {
        assertThat(RiskMap.fromAlerts(List.of(alert("X", "650000", "HIGH"), alert("Y", "130000", "HIGH"))))
                .extracting(RiskMap.ProvinceRisk::mapName).containsExactly("河北", "新疆");
        assertThat(RiskMap.fromAlerts(List.of())).isEmpty();
    }

    @Test
    void aProvincesOwnEntryComesFromItsEntitiesCurrentLevels() {
        RiskMap.ProvinceRisk own = RiskMap.fromEntityLevels("640000", Arrays.asList("LOW", null, "MEDIUM", "HIGH"), 5);
        assertThat(own).isEqualTo(new RiskMap.ProvinceRisk("640000", "宁夏", "HIGH", 3, 1, 5));
        assertThat(RiskMap.fromEntityLevels("620000", Arrays.asList(null, null), 0).highestLevel()).isNull();
        assertThat(RiskMap.fromEntityLevels("620000", Arrays.asList(null, null), 0).rank()).isZero();
    }

    @Test
    void everyProvinceOfTheMainlandHasItsNameOnTheMap() {
        assertThat(RiskMap.MAP_NAMES).hasSize(34).containsEntry("150000", "内蒙古").containsEntry("450000", "广西")
                .containsEntry("540000", "西藏").containsEntry("640000", "宁夏").containsEntry("650000", "新疆");
        assertThat(RiskMap.rank("LOW")).isEqualTo(1);
        assertThat(RiskMap.rank("UNHEARD")).isZero();
        assertThat(RiskMap.higher("HIGH", "MEDIUM")).isEqualTo("HIGH");
        assertThat(RiskMap.higher(null, "LOW")).isEqualTo("LOW");
    }
}

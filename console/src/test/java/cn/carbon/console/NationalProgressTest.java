package cn.carbon.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NationalProgressTest {

    @Test
    void compliedOnTimeLateOrExemptCountTowardsTheProvincesShare() throws Exception {
        var items = new ObjectMapper().readTree("""
                [{"provinceCode":"620000","complianceYear":2021,"status":"COMPLIANT"},
                 {"provinceCode":"620000","complianceYear":2021,"status":"COMPLIANT_LATE"},
                 {"provinceCode":"620000","complianceYear":2021,"status":"OPEN"},
                 {"provinceCode":"620000","complianceYear":2022,"status":"OVERDUE"},
                 {"provinceCode":"630000","complianceYear":2021,"status":"EXEMPT"}]""");
        var rows = RegistryPages.progress(items, new Messages().of(Messages.ZH));
        assertThat(rows).containsExactly(
                new RegistryPages.ProvinceYear("620000", "甘肃省", 2021, 3, 2, 66),
                new RegistryPages.ProvinceYear("620000", "甘肃省", 2022, 1, 0, 0),
                new RegistryPages.ProvinceYear("630000", "青海省", 2021, 1, 1, 100));
    }
}

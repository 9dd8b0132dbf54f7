package cn.carbon.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiContractTest {

    @Test
    void operationIdsComeFromMethodAndPathWithoutTheServicePrefix() {
        assertThat(OpenApiContract.operationId("GET", "/api/allocation/entities/{uscc}/status-history"))
                .isEqualTo("getEntitiesByUsccStatusHistory");
        assertThat(OpenApiContract.operationId("POST", "/api/allocation/cycles/{cycle}/units:import"))
                .isEqualTo("postCyclesByCycleUnitsImport");
        assertThat(OpenApiContract.operationId("GET", "/q/health")).isEqualTo("getQHealth");
    }
}

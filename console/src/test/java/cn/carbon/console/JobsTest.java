package cn.carbon.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobsTest {

    @Test
    void theBarReaches100OnlyWhenTheRunHasFinished() {
        assertThat(Jobs.percent(0, 0, 0, false)).isZero();
        assertThat(Jobs.percent(0.5, 5, 10, false)).isEqualTo(50);
        assertThat(Jobs.percent(1.0, 10, 10, false)).isEqualTo(99);
        assertThat(Jobs.percent(0, 3, 4, false)).isEqualTo(75);
        assertThat(Jobs.percent(0.2, 2, 10, true)).isEqualTo(100);
    }

    @Test
    void complianceProgressIsTheShareOfTheObligationMet() {
        assertThat(ProvinceOverview.progress(1000L, 250L)).isEqualTo(75);
        assertThat(ProvinceOverview.progress(1000L, 0L)).isEqualTo(100);
        assertThat(ProvinceOverview.progress(1000L, -5L)).isEqualTo(100);
        assertThat(ProvinceOverview.progress(null, null)).isZero();
        assertThat(ProvinceOverview.progress(0L, 0L)).isZero();
    }
}

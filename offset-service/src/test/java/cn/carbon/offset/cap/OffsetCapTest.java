package cn.carbon.offset.cap;

import cn.carbon.offset.rulebook.OffsetRulebook;
import cn.carbon.offset.rulebook.ShippedRulebook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OffsetCapTest {

    private final OffsetRulebook rb = ShippedRulebook.get();

    @Test
    void workedExampleE7CapsPerYear() {
        assertThat(OffsetCap.capT(rb, 2_000_000)).isEqualTo(100_000);
        assertThat(OffsetCap.capT(rb, 1_800_000)).isEqualTo(90_000);
        // all 170,000 against 2021: 70,000 over; the 2022 cap does not help
        Headroom y2021 = new Headroom(2_000_000, OffsetCap.capT(rb, 2_000_000), 0, 0);
        assertThat(y2021.admits(170_000)).isFalse();
        assertThat(new Headroom(2_000_000, 100_000, 0, 170_000).exceededByT()).isEqualTo(70_000);
        // the split of E7: 2021 takes 100,000, 2022 the remaining 70,000
        assertThat(y2021.admits(100_000)).isTrue();
        Headroom y2022 = new Headroom(1_800_000, OffsetCap.capT(rb, 1_800_000), 0, 0);
        assertThat(y2022.admits(70_000)).isTrue();
        assertThat(new Headroom(1_800_000, 90_000, 70_000, 0).remainingT()).isEqualTo(20_000);
    }

    @Test
    void workedExamplesE3AndE5() {
        assertThat(OffsetCap.capT(rb, 278_600)).isEqualTo(13_930);
        assertThat(OffsetCap.capT(rb, 300_000)).isEqualTo(15_000);
        assertThat(OffsetCap.capT(rb, 1_000_000)).isEqualTo(50_000);
    }

    @Test
    void theCapRoundsDown() {
        assertThat(OffsetCap.capT(rb, 1_000_019)).isEqualTo(50_000); // 50,000.95
        assertThat(OffsetCap.capT(rb, 19)).isZero();
        assertThat(OffsetCap.capT(rb, 20)).isEqualTo(1);
        assertThat(OffsetCap.capT(rb, 0)).isZero();
    }

    @Test
    void theRoundingIsTheRulebooks() {
        OffsetRulebook halfUp = ShippedRulebook.withValue("/rounding/ccerCap", "HALF_UP");
        assertThat(OffsetCap.capT(halfUp, 1_000_019)).isEqualTo(50_001);
        OffsetRulebook tenPercent = ShippedRulebook.withValue("/ccerOffset/capShareOfObligation",
                new java.math.BigDecimal("0.10"));
        assertThat(OffsetCap.capT(tenPercent, 1_000_019)).isEqualTo(100_001);
    }

    @Test
    void exactlyTheCapFitsAndOneTonneMoreDoesNot() {
        Headroom h = new Headroom(1_000_000, 50_000, 20_000, 10_000);
        assertThat(h.admits(20_000)).isTrue();
        assertThat(h.admits(20_001)).isFalse();
        assertThat(h.remainingT()).isEqualTo(20_000);
    }

    @Test
    void afterTheObligationFellTheRemainingIsZeroAndTheExcessShows() {
        Headroom h = new Headroom(900_000, 45_000, 0, 50_000);
        assertThat(h.remainingT()).isZero();
        assertThat(h.exceededByT()).isEqualTo(5_000);
        assertThat(h.admits(0)).isFalse();
    }

    @Test
    void aNegativeObligationIsAnError() {
        assertThatThrownBy(() -> OffsetCap.capT(rb, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}

package cn.carbon.offset.cap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RemainingObligationTest {

    @Test
    void aYearFullySurrenderedAdmitsNoOffset() {
        RemainingObligation r = new RemainingObligation(1_000_000, 1_000_000, 0, 0, 0);
        assertThat(r.remainingT()).isZero();
        assertThat(r.admits(1)).isFalse();
        assertThat(r.admits(0)).isTrue();
    }

    @Test
    void exactlyWhatRemainsIsAdmittedAndOneTonneMoreIsNot() {
        RemainingObligation r = new RemainingObligation(1_000_000, 950_000, 20_000, 0, 10_000);
        assertThat(r.remainingT()).isEqualTo(20_000);
        assertThat(r.admits(20_000)).isTrue();
        assertThat(r.admits(20_001)).isFalse();
    }

    @Test
    void offsetsConfirmedHereAndCreditedInTheLedgerAreTheSameTonnesNotTwice() {
        // 30,000 confirmed here, of which the ledger credited 30,000: counted once
        RemainingObligation r = new RemainingObligation(1_000_000, 900_000, 30_000, 30_000, 0);
        assertThat(r.offsetsCountedT()).isEqualTo(30_000);
        assertThat(r.remainingT()).isEqualTo(70_000);
        // the ledger reporting more than is confirmed here (never expected) is never undercounted
        assertThat(new RemainingObligation(1_000_000, 900_000, 0, 40_000, 0).remainingT()).isEqualTo(60_000);
    }

    @Test
    void theApplicationBeingRecheckedIsTakenOutOfPending() {
        RemainingObligation r = new RemainingObligation(100, 60, 0, 0, 50).without(30);
        assertThat(r.pendingT()).isEqualTo(20);
        assertThat(r.admits(20)).isTrue();
        assertThat(r.admits(30)).isFalse();
    }

    @Test
    void anExemptYearOwesNothing() {
        assertThat(new RemainingObligation(0, 0, 0, 0, 0).admits(1)).isFalse();
        assertThat(new RemainingObligation(10, 40, 0, 0, 0).remainingT()).isZero(); // never below zero
    }
}

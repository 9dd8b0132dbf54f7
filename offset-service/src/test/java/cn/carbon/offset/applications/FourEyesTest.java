package cn.carbon.offset.applications;

import cn.carbon.platform.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

class FourEyesTest {

    @Test
    void theInitiatorNeverReviews() {
        assertThatThrownBy(() -> FourEyes.requireMayReview("entity.A", "entity.A"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.slug()).isEqualTo(FourEyes.PROBLEM);
                    assertThat(e.getMessage()).contains("initiated");
                });
        assertThatCode(() -> FourEyes.requireMayReview("province.320000.reviewer", "entity.A")).doesNotThrowAnyException();
    }

    @Test
    void theReviewerNeverConfirms() {
        assertThatThrownBy(() -> FourEyes.requireMayConfirm("officer.X", "entity.A", "officer.X"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("reviewed");
                });
    }

    @Test
    void theInitiatorNeverConfirms() {
        assertThatThrownBy(() -> FourEyes.requireMayConfirm("entity.A", "entity.A", "province.320000.reviewer"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getMessage()).contains("initiated"));
    }

    @Test
    void namesCompareAsThePlatformRuleDoes() {
        // the platform's rule compares principal names case-insensitively
        assertThatThrownBy(() -> FourEyes.requireMayConfirm("Officer.X", "entity.A", "officer.x"))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void threeDifferentPersonsPass() {
        assertThatCode(() -> FourEyes.requireMayConfirm("registry.approver", "entity.A", "province.320000.reviewer"))
                .doesNotThrowAnyException();
    }
}

package cn.carbon.platform.security;

import cn.carbon.platform.web.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

class FourEyesTest {

    @Test
    void theInitiatorCanNeverApprove() {
        assertThat(FourEyes.allows("jiangsu.officer", List.of("jiangsu.officer"))).isFalse();
        assertThat(FourEyes.allows("Jiangsu.Officer", List.of("jiangsu.officer"))).isFalse();
        assertThatThrownBy(() -> FourEyes.require("registry.officer", "forced surrender F-1", "registry.officer"))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(403);
                    assertThat(p.slug()).isEqualTo("four-eyes");
                });
    }

    @Test
    void anyoneWhoTookPartIsExcluded() {
        assertThat(FourEyes.allows("jiangsu.reviewer", List.of("entity.x", "jiangsu.reviewer"))).isFalse();
        assertThat(FourEyes.allows("registry.approver", List.of("entity.x", "jiangsu.reviewer"))).isTrue();
        assertThatCode(() -> FourEyes.require("registry.approver", "offset A-1", "entity.x", "jiangsu.reviewer"))
                .doesNotThrowAnyException();
    }

    @Test
    void anAnonymousApproverIsRefused() {
        assertThat(FourEyes.allows(null, List.of("a"))).isFalse();
        assertThat(FourEyes.allows(" ", List.of("a"))).isFalse();
    }
}

package cn.carbon.bench.season.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The 429 counters group callers by kind, whatever their name looks like. */
class ThrottleKindTest {

    private static Http.Principal named(String name) {
        return new Http.Principal(name, () -> "token");
    }

    @Test
    void aSeasonUserCountsUnderItsKind() {
        assertThat(Http.kind(named("season.e.1734"))).isEqualTo("season.e");
        assertThat(Http.kind(named("season.p.110000.2"))).isEqualTo("season.p");
        assertThat(Http.kind(named("season.registry.3"))).isEqualTo("season.registry");
    }

    @Test
    void anyOtherNameCountsAsItselfAndNoCallerAsAnonymous() {
        assertThat(Http.kind(named("carbon-exchange"))).isEqualTo("carbon-exchange");
        assertThat(Http.kind(named("season.registry"))).isEqualTo("season.registry");
        assertThat(Http.kind(named("keycloak-admin"))).isEqualTo("keycloak-admin");
        assertThat(Http.kind(null)).isEqualTo("anonymous");
    }
}

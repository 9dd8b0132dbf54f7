package cn.carbon.platform.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {

    static final Set<String> DEFAULTS = Set.of("local-key-change-me");

    @Test
    void outsideLocalProfilesAMissingOrDefaultKeyRefusesTheStart() {
        assertThatThrownBy(() -> SigningKeys.require("carbon.notice.signing-key", Optional.empty(), DEFAULTS, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("carbon.notice.signing-key is not set");
        assertThatThrownBy(() -> SigningKeys.require("k", Optional.of("  "), DEFAULTS, false))
                .hasMessageContaining("is not set");
        assertThatThrownBy(() -> SigningKeys.require("k", Optional.of("local-key-change-me"), DEFAULTS, false))
                .hasMessageContaining("default committed");
        assertThat(SigningKeys.require("k", Optional.of("from-a-secret-0123456789abcdef0123"), DEFAULTS, false))
                .contains("from-a-secret-0123456789abcdef0123");
    }

    @Test
    void localAndTestProfilesMayUseTheDefaults() {
        assertThat(SigningKeys.require("k", Optional.of("local-key-change-me"), DEFAULTS, true)).isPresent();
        assertThat(SigningKeys.require("k", Optional.empty(), DEFAULTS, true)).isEmpty();
        assertThat(SigningKeys.localProfile(List.of("test"))).isTrue();
        assertThat(SigningKeys.localProfile(List.of("prod"))).isFalse();
        assertThat(SigningKeys.localProfile(List.of())).isFalse();
    }
}

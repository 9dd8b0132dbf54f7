package cn.carbon.gateway;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressTest {

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddress none = new ClientAddress(List.of());
        assertThat(none.resolve("198.51.100.9", "203.0.113.1")).isEqualTo("198.51.100.9");
    }

    @Test
    void onlyTheIngressIsBelievedAndTheRightMostUntrustedHopIsTheClient() {
        ClientAddress ingress = new ClientAddress(List.of("10.42.0.0/16", "fd00::/8"));
        assertThat(ingress.resolve("10.42.3.7", "203.0.113.1")).isEqualTo("203.0.113.1");
        // a client that sends its own header cannot pick its bucket: the ingress appends the real address
        assertThat(ingress.resolve("10.42.3.7", "1.2.3.4, 203.0.113.1")).isEqualTo("203.0.113.1");
        assertThat(ingress.resolve("10.42.3.7", "203.0.113.1, 10.42.9.9")).isEqualTo("203.0.113.1");
        // a peer outside the trusted range: its header means nothing
        assertThat(ingress.resolve("198.51.100.9", "203.0.113.1")).isEqualTo("198.51.100.9");
        assertThat(ingress.resolve("fd00::1", "2001:db8::5")).isEqualTo("2001:db8::5");
        assertThat(ingress.resolve("10.42.3.7", null)).isEqualTo("10.42.3.7");
        assertThat(ingress.resolve("10.42.3.7", "evil.example")).startsWith("unreadable:");
    }

    @Test
    void aBadSettingIsRefused() {
        assertThatThrownBy(() -> new ClientAddress(List.of("ingress.local"))).isInstanceOf(IllegalArgumentException.class);
    }
}

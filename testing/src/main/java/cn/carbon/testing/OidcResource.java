package cn.carbon.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points quarkus-oidc at {@link OidcTestIssuer}; the audience stays the service's own setting. */
public class OidcResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        OidcTestIssuer issuer = OidcTestIssuer.get();
        return Map.of(
                "quarkus.oidc.auth-server-url", issuer.issuer(),
                "quarkus.oidc.token.issuer", issuer.issuer());
    }

    @Override
    public void stop() {
        // one issuer per JVM
    }
}

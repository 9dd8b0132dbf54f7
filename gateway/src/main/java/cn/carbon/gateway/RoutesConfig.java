package cn.carbon.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where each {@code /api/<prefix>/**} goes (env CARBON_GATEWAY_ROUTES_ALLOCATION, …). */
@ConfigMapping(prefix = "carbon.gateway")
public interface RoutesConfig {

    /** prefix (allocation, surrender, offsets, risk) → base URL of the service */
    Map<String, String> routes();

    /**
     * the web console (env CARBON_GATEWAY_CONSOLE): {@code /} and {@code /console/**} go there without a bearer token,
     * since the console signs its users in itself (Keycloak session cookie) and calls the API with their tokens
     */
    java.util.Optional<String> console();

    /** how long an upstream may take to answer */
    @WithDefault("30s")
    Duration timeout();

    RateLimit rateLimit();

    /**
     * Addresses or CIDRs of the proxies in front of the gateway (the ingress): only their {@code X-Forwarded-For} is
     * believed. None by default: the peer's address is the caller's.
     */
    Optional<List<String>> trustedProxies();

    interface RateLimit {
        /** steady requests per second per client */
        @WithDefault("50")
        double requestsPerSecond();

        /** requests a client may send at once above the steady rate */
        @WithDefault("100")
        double burst();

        /** clients remembered at once; idle ones are forgotten first, then newcomers share one bucket */
        @WithDefault("100000")
        int maxClients();
    }
}

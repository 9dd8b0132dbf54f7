package cn.carbon.platform.security.tokens;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens verified once for their lifetime. Verifying a token's RS256 signature was the largest single cost of a
 * scoped read; a client sends the same token with every request until it expires. The OIDC provider verifies a
 * token the first time (signature, issuer, audience, expiry) and the identity it builds is kept, keyed by the exact
 * token, until the token's {@code exp}: any other string (a forged or altered token) is verified afresh. A kept token is
 * answered by {@link Mechanism} before the OIDC mechanism sees the request. Each request
 * still gets its own identity (its own routing context); roles and claims are the verified token's.
 */
public final class VerifiedTokens {

    private VerifiedTokens() {
    }

    /** The cache, shared by the mechanism (reads) and the augmentor (writes). */
    @ApplicationScoped
    public static class Cache {
        private final Map<String, Entry> entries = new ConcurrentHashMap<>();
        private final int maxEntries;
        private final boolean enabled;
        private final Clock clock;
        private final Counter hits;
        private final Counter misses;

        record Entry(SecurityIdentity identity, long expiresAtSecond) {
        }

        @Inject
        public Cache(@ConfigProperty(name = "carbon.security.token-cache.enabled", defaultValue = "true") boolean enabled,
                     @ConfigProperty(name = "carbon.security.token-cache.max-entries", defaultValue = "5000") int maxEntries,
                     MeterRegistry metrics) {
            this(enabled, maxEntries, metrics, Clock.systemUTC());
        }

        Cache(boolean enabled, int maxEntries, MeterRegistry metrics, Clock clock) {
            this.enabled = enabled;
            this.maxEntries = maxEntries;
            this.clock = clock;
            this.hits = Counter.builder("carbon.security.token.cache").tag("outcome", "hit")
                    .description("bearer tokens answered from the verified-token cache").register(metrics);
            this.misses = Counter.builder("carbon.security.token.cache").tag("outcome", "miss")
                    .description("bearer tokens verified by the OIDC provider").register(metrics);
        }

        SecurityIdentity get(String token) {
            if (!enabled) {
                return null;
            }
            Entry e = entries.get(token);
            if (e == null) {
                misses.increment();
                return null;
            }
            if (clock.instant().getEpochSecond() >= e.expiresAtSecond()) {
                entries.remove(token, e);
                misses.increment();
                return null;
            }
            hits.increment();
            return e.identity();
        }

        /** Keeps {@code identity} for {@code token} until {@code expiresAtSecond} (epoch seconds). */
        public void put(String token, SecurityIdentity identity, long expiresAtSecond) {
            if (!enabled || expiresAtSecond <= clock.instant().getEpochSecond()) {
                return;
            }
            if (entries.size() >= maxEntries) {
                // expired ones first; if the tokens are all live, start over (a miss costs one verification)
                long now = clock.instant().getEpochSecond();
                entries.values().removeIf(x -> x.expiresAtSecond() <= now);
                if (entries.size() >= maxEntries) {
                    entries.clear();
                }
            }
            entries.put(token, new Entry(identity, expiresAtSecond));
        }

        public boolean holds(String token) {
            return entries.containsKey(token);
        }

        public void forget(String token) {
            entries.remove(token);
        }

        public int size() {
            return entries.size();
        }
    }

    /**
     * Asked before the OIDC mechanism: a known bearer token's identity, straight from the cache, or nothing (the OIDC
     * mechanism then reads and verifies the token). Taking the header here spares a kept token the OIDC mechanism's
     * own work (decoding the token's payload to tell a JWT from an opaque token, resolving the tenant), which
     * profiling showed to cost a tenth of a scoped read.
     */
    @ApplicationScoped
    public static class Mechanism implements HttpAuthenticationMechanism {
        private static final String SCHEME = "Bearer ";
        private final Cache cache;

        public Mechanism(Cache cache) {
            this.cache = cache;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
            String header = context.request().headers().get(HttpHeaders.AUTHORIZATION);
            if (header == null || header.length() <= SCHEME.length()
                    || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
                return Uni.createFrom().nullItem();
            }
            SecurityIdentity known = cache.get(header.substring(SCHEME.length()).strip());
            if (known == null) {
                return Uni.createFrom().nullItem();
            }
            // each request its own identity, bound to its own routing context
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder(known)
                    .addAttribute(RoutingContext.class.getName(), context).build());
        }

        /** No challenge of its own: a request without a kept token is the OIDC mechanism's to answer. */
        @Override
        public Uni<ChallengeData> getChallenge(RoutingContext context) {
            return Uni.createFrom().nullItem();
        }

        @Override
        public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
            return Set.of();
        }

        @Override
        public int getPriority() {
            return DEFAULT_PRIORITY + 2000; // before the OIDC mechanism
        }
    }

    /** After the OIDC provider verified a token: its identity is kept until the token expires. */
    @ApplicationScoped
    public static class Keeper implements SecurityIdentityAugmentor {
        private final Cache cache;

        public Keeper(Cache cache) {
            this.cache = cache;
        }

        @Override
        public int priority() {
            return Integer.MIN_VALUE; // last: the identity as the other augmentors left it
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            TokenCredential token = identity.getCredential(TokenCredential.class);
            if (token != null && !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken jwt
                    && jwt.getExpirationTime() > 0 && !cache.holds(token.getToken())) {
                cache.put(token.getToken(), identity, jwt.getExpirationTime());
            }
            return Uni.createFrom().item(identity);
        }
    }
}

package cn.carbon.platform.security;

import io.quarkus.runtime.configuration.ConfigUtils;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Signing keys come from a Secret. Outside the local and test profiles ({@code dev}, {@code test}, {@code local}) a
 * service refuses to start when a key is missing or is one of the defaults committed in the repository: a default
 * key would let anyone mint a notice or a certificate with a valid code.
 */
public final class SigningKeys {

    /** Profiles in which a committed default (or a key made at start) is acceptable. */
    public static final Set<String> LOCAL_PROFILES = Set.of("dev", "test", "local");

    private SigningKeys() {
    }

    public static boolean localProfile() {
        return localProfile(ConfigUtils.getProfiles());
    }

    static boolean localProfile(List<String> activeProfiles) {
        return activeProfiles.stream().anyMatch(LOCAL_PROFILES::contains);
    }

    /**
     * The configured key; outside a local profile an {@link IllegalStateException} (start refused) when it is
     * missing, blank or one of {@code committedDefaults}.
     */
    public static Optional<String> require(String property, Optional<String> value, Set<String> committedDefaults) {
        return require(property, value, committedDefaults, localProfile());
    }

    static Optional<String> require(String property, Optional<String> value, Set<String> committedDefaults,
                                    boolean local) {
        Optional<String> key = value.map(String::strip).filter(v -> !v.isEmpty());
        if (local) {
            return key;
        }
        if (key.isEmpty()) {
            throw new IllegalStateException(property + " is not set: it must come from a Secret (see k8s/README.md)");
        }
        if (committedDefaults.contains(key.get())) {
            throw new IllegalStateException(property + " is the default committed in the repository: set it from a "
                    + "Secret (see k8s/README.md)");
        }
        return key;
    }
}

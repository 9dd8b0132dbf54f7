package cn.carbon.platform.security;

import cn.carbon.platform.web.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/**
 * Who is calling and what they may see. Every service checks scope itself: a province officer sees only its
 * {@code province_code}, an entity only its {@code entity_id}; anything outside answers 404 so that existence is not
 * revealed.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    public Optional<String> provinceCode() {
        return claim("province_code");
    }

    public Optional<String> entityId() {
        return claim("entity_id");
    }

    /** The national roles see every entity. */
    public boolean isNational() {
        return is(Role.REGISTRY) || is(Role.MINISTRY);
    }

    /** Whether the caller may see the entity {@code uscc} of province {@code provinceCode}. */
    public boolean maySee(String uscc, String provinceCode) {
        if (isNational()) {
            return true;
        }
        if (is(Role.PROVINCE)) {
            return provinceCode != null && provinceCode().map(provinceCode::equals).orElse(false);
        }
        if (is(Role.ENTITY)) {
            return uscc != null && entityId().map(uscc::equals).orElse(false);
        }
        return false;
    }

    /** Throws 404 unless {@link #maySee}; {@code what} names the thing in the answer. */
    public void requireVisible(String uscc, String provinceCode, String what) {
        if (!maySee(uscc, provinceCode)) {
            throw ProblemException.notFound(what);
        }
    }

    /**
     * The province a list is limited to: a province officer's own (asking for another is 404), or the one asked for
     * by a national role (null for all).
     */
    public String provinceFilter(String requested) {
        if (isNational()) {
            return requested;
        }
        if (is(Role.PROVINCE)) {
            String own = provinceCode().orElseThrow(() -> ProblemException.notFound("province"));
            if (requested != null && !requested.isBlank() && !requested.equals(own)) {
                throw ProblemException.notFound("province " + requested);
            }
            return own;
        }
        throw ProblemException.notFound("province");
    }

    private Optional<String> claim(String name) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object value = jwt.getClaim(name);
            return value == null ? Optional.empty() : Optional.of(value.toString().replace("\"", ""));
        }
        return Optional.ofNullable(identity.getAttribute(name)).map(Object::toString);
    }
}

package cn.carbon.e2e;

import java.util.function.Supplier;

/** Who calls, seen from the Jiangsu entity the matrix is about ("own" = Jiangsu, "other" = Guangdong). */
public enum Caller {
    REGISTRY(() -> Keycloak.user("registry.officer")),
    MINISTRY(() -> Keycloak.user("ministry.officer")),
    PROVINCE_OWN(() -> Keycloak.user("jiangsu.officer")),
    PROVINCE_OTHER(() -> Keycloak.user("guangdong.officer")),
    ENTITY_OWN(() -> Keycloak.user("entity." + Caller.OWN_ENTITY)),
    ENTITY_OTHER(() -> Keycloak.user("entity." + Caller.OTHER_ENTITY)),
    EXCHANGE(Keycloak::exchange),
    ANONYMOUS(() -> null);

    public static final String OWN_PROVINCE = "320000";
    public static final String OWN_ENTITY = "91320000MA0000033F";
    public static final String OTHER_ENTITY = "91440000MA0000066T";

    private final Supplier<String> token;

    Caller(Supplier<String> token) {
        this.token = token;
    }

    public String token() {
        return token.get();
    }
}

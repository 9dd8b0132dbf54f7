package cn.carbon.platform.security;

/** The realm roles of DESIGN.md (Identity and access). */
public final class Role {
    public static final String REGISTRY = "registry";
    public static final String MINISTRY = "ministry";
    public static final String PROVINCE = "province";
    public static final String ENTITY = "entity";
    public static final String EXCHANGE = "exchange";

    private Role() {
    }
}

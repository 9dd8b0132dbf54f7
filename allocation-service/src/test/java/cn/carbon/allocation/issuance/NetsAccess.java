package cn.carbon.allocation.issuance;

import java.util.Collection;
import java.util.Map;

/** {@link Nets} for the test classes of other packages. */
public final class NetsAccess {

    private NetsAccess() {
    }

    public static Map<String, Map<String, Long>> publishedEqualsStored(String province, Collection<String> usccs) {
        return Nets.publishedEqualsStored(province, usccs);
    }

    public static Map<String, Long> stored(String province, String uscc) {
        return Nets.stored(province, uscc);
    }
}

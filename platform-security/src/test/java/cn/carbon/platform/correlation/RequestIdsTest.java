package cn.carbon.platform.correlation;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestIdsTest {

    private static final Pattern V4 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    @Test
    void newIdsAreDistinctVersion4Uuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.next();
            assertTrue(V4.matcher(id).matches(), id);
            assertEquals(4, UUID.fromString(id).version());
            assertEquals(2, UUID.fromString(id).variant());
            seen.add(id);
        }
        assertEquals(10_000, seen.size());
    }

    @Test
    void keepsASafeCallerIdAndReplacesAnUnsafeOne() {
        assertEquals("gw-1.a:b_c", RequestIds.of("gw-1.a:b_c"));
        String injected = "a\nfake log line";
        assertNotEquals(injected, RequestIds.of(injected));
        assertTrue(V4.matcher(RequestIds.of(injected)).matches());
        assertTrue(V4.matcher(RequestIds.of(null)).matches());
        assertTrue(V4.matcher(RequestIds.of("x".repeat(101))).matches());
    }
}

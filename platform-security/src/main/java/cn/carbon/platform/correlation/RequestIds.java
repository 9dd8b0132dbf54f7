package cn.carbon.platform.correlation;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The request id that travels as {@code X-Request-Id} from the gateway to a service and into every log line: the
 * caller's when it is safe to log, otherwise a new one. One rule for the gateway and the services.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private RequestIds() {
    }

    /** {@code given} when it is a safe id (letters, digits, {@code ._:-}, at most 100), else a new one. */
    public static String of(String given) {
        return given != null && SAFE.matcher(given).matches() ? given : next();
    }

    /**
     * A version-4 UUID from a per-thread generator: a correlation id, not a secret, so it does without
     * {@code UUID.randomUUID()}'s locked read of the system's SecureRandom on every request.
     */
    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }
}

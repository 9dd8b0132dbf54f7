package cn.carbon.testing;

import java.util.concurrent.atomic.AtomicLong;

/** Fresh valid USCCs for tests, so that tests never collide on the shared database. */
public final class TestUscc {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private TestUscc() {
    }

    public static String next(String provinceCode) {
        String body = "91" + provinceCode + "T" + String.format("%08d", SEQ.incrementAndGet() % 100_000_000L);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(body.charAt(i)) * WEIGHTS[i];
        }
        return body + ALPHABET.charAt((31 - sum % 31) % 31);
    }
}

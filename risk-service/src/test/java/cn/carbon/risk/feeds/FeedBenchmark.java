package cn.carbon.risk.feeds;

import cn.carbon.risk.Inputs;
import cn.carbon.risk.index.RecomputeQueue;
import cn.carbon.testing.PostgresResource;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/bench-feed}: a feed of {@code bench.rows} rows (default 100,000: 2,500 entities × 40 weeks) generated on
 * the fly and streamed over HTTP (chunked, never built in memory on either side), then sent again (every week replaced).
 * Prints wall time and the heap the JVM (service, client and the in-process Kafka broker) used while it ran.
 * Not a unit test: surefire runs it only when named (-Dtest=FeedBenchmark).
 */
@QuarkusTest
class FeedBenchmark {

    @TestHTTPResource("/api/risk/net-purchase-feeds")
    URL feeds;
    @Inject
    RecomputeQueue queue;

    static final int ENTITIES = 2_500;

    @Test
    void ingestAFeedOfAHundredThousandRows() throws Exception {
        int rows = Integer.getInteger("bench.rows", 100_000);
        int weeks = Math.max(1, rows / ENTITIES);
        List<String> usccs = seedEntities();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        HttpClient client = HttpClient.newHttpClient();
        for (String round : List.of("first", "re-sent")) {
            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(baseline);
            AtomicLong live = new AtomicLong(0);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    // what survived the last collection of each heap pool: the live data, not garbage
                    live.accumulateAndGet(ManagementFactory.getMemoryPoolMXBeans().stream()
                            .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP && p.getCollectionUsage() != null)
                            .mapToLong(p -> p.getCollectionUsage().getUsed()).sum(), Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            FeedStream body = new FeedStream(usccs, weeks, rows);
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(feeds.toString()))
                    .header("Authorization", "Bearer " + Tokens.exchange()).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(), HttpResponse.BodyHandlers.ofString());
            long ingestMillis = (System.nanoTime() - start) / 1_000_000;
            long drainStart = System.nanoTime();
            queue.drain();
            long drainMillis = (System.nanoTime() - drainStart) / 1_000_000;
            running.set(false);
            sampler.join();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            System.out.printf("BENCH %s feed: %,d rows, %,.1f MB streamed, %,d ms wall (%,.0f rows/s); heap used peak %,d MB "
                            + "(baseline %,d MB, +%,d MB), live after GC at most %,d MB, of max %,d MB; index recomputed for the touched entities in %,d ms%n",
                    round, body.rows, body.bytes / 1e6, ingestMillis, body.rows * 1000.0 / ingestMillis, peak.get() >> 20,
                    baseline >> 20, (peak.get() - baseline) >> 20, live.get() >> 20, memory.getHeapMemoryUsage().getMax() >> 20, drainMillis);
        }
        assertThat(Inputs.count("select count(*) from current_net_purchase")).isGreaterThanOrEqualTo(rows);
    }

    /** 2,500 entities with obligations, written straight into the service's tables (not what is measured). */
    private static List<String> seedEntities() throws Exception {
        List<String> usccs = new ArrayList<>(ENTITIES);
        String[] provinces = {"110000", "130000", "140000", "150000", "320000", "330000", "370000", "410000", "440000", "610000"};
        try (Connection c = DriverManager.getConnection(PostgresResource.jdbcUrl("risk"), "postgres", "postgres");
             PreparedStatement entity = c.prepareStatement("insert into entity_directory (uscc, name, province_code, status) "
                     + "values (?, ?, ?, 'OPERATING')");
             PreparedStatement obligation = c.prepareStatement("insert into obligation (uscc, compliance_year, cycle, "
                     + "province_code, obligation_t) values (?, ?, '2021-2022', ?, 1000000)")) {
            for (int i = 0; i < ENTITIES; i++) {
                String province = provinces[i % provinces.length];
                String uscc = TestUscc.next(province);
                usccs.add(uscc);
                entity.setString(1, uscc);
                entity.setString(2, "Bench " + i);
                entity.setString(3, province);
                entity.addBatch();
                for (int year : new int[]{2021, 2022}) {
                    obligation.setString(1, uscc);
                    obligation.setInt(2, year);
                    obligation.setString(3, province);
                    obligation.addBatch();
                }
            }
            entity.executeBatch();
            obligation.executeBatch();
        }
        return usccs;
    }

    /** The CSV, produced line by line as the HTTP client reads it. */
    static final class FeedStream extends InputStream {
        private static final LocalDate LAST_WEEK = LocalDate.of(2023, 12, 25);
        private final List<String> usccs;
        private final int weeks;
        private final int total;
        private byte[] line = (FeedReader.HEADER + "\n").getBytes(StandardCharsets.UTF_8);
        private int pos;
        int rows;
        long bytes;

        FeedStream(List<String> usccs, int weeks, int total) {
            this.usccs = usccs;
            this.weeks = weeks;
            this.total = total;
        }

        private boolean fill() {
            if (pos < line.length) {
                return true;
            }
            if (rows >= total) {
                return false;
            }
            int week = rows / usccs.size();
            String uscc = usccs.get(rows % usccs.size());
            LocalDate start = LAST_WEEK.minusWeeks(weeks - 1 - (week % weeks));
            long bought = (rows * 7919L) % 50_000;
            long sold = (rows * 104_729L) % 30_000;
            line = (uscc + "," + start + "," + start.plusDays(6) + "," + bought + "," + sold + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            pos = 0;
            rows++;
            return true;
        }

        @Override
        public int read() {
            if (!fill()) {
                return -1;
            }
            bytes++;
            return line[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len && fill()) {
                int k = Math.min(len - n, line.length - pos);
                System.arraycopy(line, pos, b, off + n, k);
                pos += k;
                n += k;
            }
            bytes += n;
            return n == 0 && len > 0 ? -1 : n;
        }
    }
}

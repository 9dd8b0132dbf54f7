package cn.carbon.offset.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static cn.carbon.offset.Offsets.applied;
import static cn.carbon.offset.Offsets.apply;
import static cn.carbon.offset.Offsets.approve;
import static cn.carbon.offset.Offsets.confirm;
import static cn.carbon.offset.Offsets.entity;
import static cn.carbon.offset.Offsets.headroom;
import static cn.carbon.offset.Offsets.line;
import static cn.carbon.offset.Offsets.lot;
import static cn.carbon.offset.Offsets.lotView;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real concurrent HTTP calls: applications racing for the same headroom or the same lot never exceed the cap or the
 * lot, whatever the interleaving; and one application is confirmed once.
 */
@QuarkusTest
class ConcurrencyTest {

    static final String JS = "320000";
    static final int ROUNDS = 3;
    static final int RACERS = 8;

    /** Everyone starts together; returns each call's response. */
    private static List<Response> race(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch ready = new CountDownLatch(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            ready.await(10, TimeUnit.SECONDS);
            go.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(List<Response> responses, int status) {
        return responses.stream().filter(r -> r.statusCode() == status).count();
    }

    @Test
    void applicationsRacingForTheSameHeadroomNeverExceedTheCap() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            // cap 50,000; eight applications of 15,000 from eight lots: exactly three fit
            String uscc = entity(JS, 1_000_000, 1_000_000);
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                String lot = lot(uscc, 15_000);
                calls.add(() -> apply(uscc, 2021, line(lot, 15_000)));
            }
            List<Response> responses = race(calls);
            assertThat(count(responses, 201)).as("accepted in round " + round).isEqualTo(3);
            assertThat(count(responses, 422)).as("refused in round " + round).isEqualTo(RACERS - 3);
            responses.stream().filter(r -> r.statusCode() == 422)
                    .forEach(r -> assertThat(r.jsonPath().getString("type")).endsWith("/offset-cap-exceeded"));
            var h = headroom(uscc, 2021);
            assertThat(h.getLong("pendingT")).isEqualTo(45_000);
            assertThat(h.getLong("pendingT") + h.getLong("usedT")).isLessThanOrEqualTo(h.getLong("capT"));
        }
    }

    @Test
    void theSameLotInApplicationsForBothYearsIsNeverOverdrawn() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            // caps of 100,000 per year are no limit here; the lot of 10,000 is: three of 3,000 fit
            String uscc = entity(JS, 2_000_000, 2_000_000);
            String lot = lot(uscc, 10_000);
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int year = i % 2 == 0 ? 2021 : 2022;
                calls.add(() -> apply(uscc, year, line(lot, 3_000)));
            }
            List<Response> responses = race(calls);
            assertThat(count(responses, 201)).as("accepted in round " + round).isEqualTo(3);
            responses.stream().filter(r -> r.statusCode() != 201)
                    .forEach(r -> assertThat(r.jsonPath().getString("type")).endsWith("/lot-quantity-exceeded"));
            var view = lotView(lot);
            assertThat(view.getLong("reservedT")).isEqualTo(9_000);
            assertThat(view.getLong("availableT")).isEqualTo(1_000);
            assertThat(headroom(uscc, 2021).getLong("pendingT") + headroom(uscc, 2022).getLong("pendingT"))
                    .isEqualTo(9_000);
        }
    }

    @Test
    void racingForHeadroomAndLotsAtOnceKeepsBoth() throws Exception {
        // two lots shared by all, a cap of 5,000: each application takes 1,000 of each lot (2,000 in all)
        String uscc = entity(JS, 100_000, 100_000);
        String a = lot(uscc, 3_000);
        String b = lot(uscc, 100_000);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            // lines in both orders: the lots are still locked in one order
            calls.add(i % 2 == 0 ? () -> apply(uscc, 2021, line(a, 1_000), line(b, 1_000))
                    : () -> apply(uscc, 2021, line(b, 1_000), line(a, 1_000)));
        }
        List<Response> responses = race(calls);
        assertThat(count(responses, 201)).isEqualTo(2); // 2 × 2,000 ≤ 5,000 < 3 × 2,000
        assertThat(count(responses, 500)).isZero();
        assertThat(headroom(uscc, 2021).getLong("pendingT")).isEqualTo(4_000);
        assertThat(lotView(a).getLong("reservedT")).isEqualTo(2_000);
    }

    @Test
    void anApplicationConfirmedTwiceAtOnceIsConfirmedOnce() throws Exception {
        String uscc = entity(JS, 1_000_000, 1_000_000);
        String lot = lot(uscc, 5_000);
        String id = applied(uscc, 2021, line(lot, 5_000));
        approve(id, JS);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(() -> confirm(id));
        }
        List<Response> responses = race(calls);
        assertThat(count(responses, 200)).isEqualTo(1);
        assertThat(count(responses, 409)).isEqualTo(3);
        assertThat(lotView(lot).getLong("cancelledT")).isEqualTo(5_000);
        assertThat(lotView(lot).getList("cancellations")).hasSize(1);
        assertThat(headroom(uscc, 2021).getLong("usedT")).isEqualTo(5_000);
    }
}

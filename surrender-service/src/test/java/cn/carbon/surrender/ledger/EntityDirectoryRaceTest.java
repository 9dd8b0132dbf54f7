package cn.carbon.surrender.ledger;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.platform.directory.EntityDirectory;
import cn.carbon.platform.directory.KnownEntity;
import cn.carbon.testing.TestUscc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registration (carbon.entities.v1) and another topic's first event for the same new entity, applied at the same
 * moment by two consumers: whichever commits first, the registration is applied (its name and status win) and the
 * accounts are opened once, instead of the registration failing on a duplicate key and going to the dead letters.
 */
@QuarkusTest
class EntityDirectoryRaceTest {

    @Inject
    EntityDirectory directory;
    @Inject
    AccountOpening opening;

    @Test
    void aRegistrationMeetingAnAnnouncementInFlightIsApplied() throws Exception {
        String uscc = TestUscc.next("320000");
        CountDownLatch announced = new CountDownLatch(1);
        // the announcement holds its uncommitted row while the registration arrives
        CompletableFuture<Void> announcing = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            opening.ensureKnown(uscc, "320000");
            announced.countDown();
            sleep(1_000);
        }));
        assertThat(announced.await(10, TimeUnit.SECONDS)).isTrue();
        QuarkusTransaction.requiringNew().run(() ->
                opening.onEntity(new EntityEvent(uscc, "并发登记电厂", "320000", "POWER", "OPERATING")));
        announcing.get(10, TimeUnit.SECONDS);

        KnownEntity known = QuarkusTransaction.requiringNew().call(() -> KnownEntity.findById(uscc));
        assertThat(known.name).isEqualTo("并发登记电厂");
        assertThat(known.status).isEqualTo("OPERATING");
        assertThat(QuarkusTransaction.requiringNew().call(() -> Account.count("uscc", uscc))).isEqualTo(2);
    }

    @Test
    void anAnnouncementMeetingARegistrationInFlightLeavesItAsRegistered() throws Exception {
        String uscc = TestUscc.next("320000");
        CountDownLatch registered = new CountDownLatch(1);
        CompletableFuture<Void> registering = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            opening.onEntity(new EntityEvent(uscc, "先到登记电厂", "320000", "POWER", "OPERATING"));
            registered.countDown();
            sleep(1_000);
        }));
        assertThat(registered.await(10, TimeUnit.SECONDS)).isTrue();
        boolean announced = QuarkusTransaction.requiringNew().call(() -> directory.announce(uscc, "320000"));
        registering.get(10, TimeUnit.SECONDS);

        assertThat(announced).isFalse();
        KnownEntity known = QuarkusTransaction.requiringNew().call(() -> KnownEntity.findById(uscc));
        assertThat(known.name).isEqualTo("先到登记电厂");
        assertThat(known.status).isEqualTo("OPERATING");
        assertThat(QuarkusTransaction.requiringNew().call(() -> Account.count("uscc", uscc))).isEqualTo(2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package cn.carbon.surrender.ledger;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.platform.directory.KnownEntity;
import cn.carbon.testing.TestUscc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The directory and the two accounts of an entity, written by upserts in the consumer's transaction. */
@QuarkusTest
class AccountOpeningTest {

    @Inject
    AccountOpening opening;

    @Test
    void aRegistrationInAnotherProvinceMovesBothAccountsAndKeepsThem() {
        String uscc = TestUscc.next("320000");
        QuarkusTransaction.requiringNew().run(() ->
                opening.onEntity(new EntityEvent(uscc, "迁出电厂", "320000", "POWER", "OPERATING")));
        Map<Account.Kind, Long> ids = accounts(uscc).stream().collect(Collectors.toMap(a -> a.kind, a -> a.id));

        QuarkusTransaction.requiringNew().run(() ->
                opening.onEntity(new EntityEvent(uscc, "迁出电厂", "330000", "POWER", "OPERATING")));

        List<Account> after = accounts(uscc);
        assertThat(after).hasSize(2);
        assertThat(after).allSatisfy(a -> {
            assertThat(a.provinceCode).isEqualTo("330000");
            assertThat(a.id).isEqualTo(ids.get(a.kind));
        });
        assertThat(ids.keySet()).containsExactlyInAnyOrder(Account.Kind.ENTITY_HOLDING, Account.Kind.PROVINCIAL_CUSTODY);
    }

    @Test
    void aCopyOfTheEntityLoadedEarlierInTheTransactionSeesTheRegistration() {
        String uscc = TestUscc.next("320000");
        QuarkusTransaction.requiringNew().run(() -> opening.ensureKnown(uscc, "320000"));

        String seen = QuarkusTransaction.requiringNew().call(() -> {
            KnownEntity before = KnownEntity.findById(uscc);
            assertThat(before.status).isEqualTo("ANNOUNCED");
            opening.onEntity(new EntityEvent(uscc, "后到登记电厂", "320000", "POWER", "OPERATING"));
            KnownEntity after = KnownEntity.findById(uscc);
            return after.name + "/" + after.status;
        });

        assertThat(seen).isEqualTo("后到登记电厂/OPERATING");
        assertThat(accounts(uscc)).hasSize(2);
    }

    @Test
    void aBatchOfRegistrationsWritesEveryEntityTheLaterEventOfOneEntityWinning() {
        String moved = TestUscc.next("320000");
        String other = TestUscc.next("110000");
        String announced = TestUscc.next("440000");
        QuarkusTransaction.requiringNew().run(() -> opening.ensureKnown(announced, "440000"));
        Map<Account.Kind, Long> announcedIds = accounts(announced).stream()
                .collect(Collectors.toMap(a -> a.kind, a -> a.id));

        QuarkusTransaction.requiringNew().run(() -> opening.onEntities(List.of(
                new EntityEvent(moved, "先登记电厂", "320000", "POWER", "OPERATING"),
                new EntityEvent(other, "北京电厂", "110000", "POWER", "OPERATING"),
                new EntityEvent(announced, "广东电厂", "440000", "POWER", "OPERATING"),
                new EntityEvent(moved, "迁入电厂", "330000", "POWER", "FACILITIES_CLOSED"))));

        KnownEntity m = QuarkusTransaction.requiringNew().call(() -> KnownEntity.findById(moved));
        assertThat(m.name + "/" + m.provinceCode + "/" + m.status).isEqualTo("迁入电厂/330000/FACILITIES_CLOSED");
        assertThat(accounts(moved)).hasSize(2).allSatisfy(a -> assertThat(a.provinceCode).isEqualTo("330000"));
        assertThat(accounts(other)).hasSize(2).allSatisfy(a -> assertThat(a.provinceCode).isEqualTo("110000"));
        // an entity announced before keeps its accounts, and the registration completes its directory entry
        assertThat(accounts(announced)).hasSize(2).allSatisfy(a -> assertThat(a.id).isEqualTo(announcedIds.get(a.kind)));
        KnownEntity a = QuarkusTransaction.requiringNew().call(() -> KnownEntity.findById(announced));
        assertThat(a.name + "/" + a.status).isEqualTo("广东电厂/OPERATING");
    }

    @Test
    void aBatchWithAnEventLackingAFieldIsRefusedNamingTheEntityAndWritesNothing() {
        String good = TestUscc.next("320000");
        String half = TestUscc.next("320000");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> opening.onEntities(List.of(
                new EntityEvent(good, "完整电厂", "320000", "POWER", "OPERATING"),
                new EntityEvent(half, null, "320000", "POWER", "OPERATING")))))
                .hasMessageContaining("lacks uscc, name, provinceCode or status").hasMessageContaining(half);
        assertThat(accounts(good)).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> KnownEntity.<KnownEntity>findById(good))).isNull();
    }

    private static List<Account> accounts(String uscc) {
        return QuarkusTransaction.requiringNew().call(() -> Account.<Account>list("uscc", uscc));
    }
}

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

    private static List<Account> accounts(String uscc) {
        return QuarkusTransaction.requiringNew().call(() -> Account.<Account>list("uscc", uscc));
    }
}

package cn.carbon.allocation.issuance;

import cn.carbon.allocation.OutboxRows;
import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.Tokens;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.HEADER;
import static cn.carbon.allocation.Fixtures.awaitJob;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.ownYear;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The bridge (docs/RULES-2023-2025.md §3.5): what 2021-2022 left owed to the next allocation (borrowing to repay,
 * relief advances, uncured shortfalls) is deducted from that allocation's issuance, and the result does not depend on
 * whether the deduction was recorded before or after the year's verification run. The year is one of this test's own
 * (the shipped 2023 rulebook, its year moved and its values taken as confirmed, so that no four eyes are needed).
 */
@QuarkusTest
class BridgeDeductionTest {

    static final String PROVINCE = "460000";

    @Test
    void owedTonnesAreDeductedWhicheverCameFirstTheDeductionOrTheRun() {
        String cycle = String.valueOf(ownYear("CN-ETS-2023-power.json", "2023", 4000,
                book -> book.replace("\"provisional\": true,", "")));

        String first = entity(PROVINCE);   // the deduction is recorded before the run
        String second = entity(PROVINCE);  // the run comes first, the deduction after
        given().auth().oauth2(Tokens.province(PROVINCE)).contentType("text/csv")
                .body(HEADER + ",power_generation_mwh\n" + row(first, cycle) + row(second, cycle))
                .post(BASE + "/cycles/" + cycle + "/units:import").then().statusCode(200);

        // 50,000 t of 2021-2022 borrowing to repay and an uncured shortfall of 10,000 t, both owed to this vintage
        owe(first, cycle, 50_000, 10_000);
        verify(cycle);
        owe(second, cycle, 50_000, 10_000);
        verify(cycle);

        // 1,000,000 MWh × 0.7984 = 798,400 t allocated; 60,000 t deducted: 738,400 t in the account either way
        for (String uscc : new String[] {first, second}) {
            long net = OutboxRows.events(Topics.ALLOCATIONS, uscc).stream()
                    .mapToLong(e -> {
                        AllocationInstruction i = KafkaTestClient.json().convertValue(e.data(), AllocationInstruction.class);
                        return AllocationInstruction.ISSUE.equals(e.type()) ? i.quantityT() : -i.quantityT();
                    }).sum();
            assertThat(net).as(uscc).isEqualTo(738_400L);
            given().auth().oauth2(Tokens.entity(uscc)).get(BASE + "/cycles/" + cycle + "/entities/" + uscc + "/allocation")
                    .then().statusCode(200)
                    .body("years[0].verification.issuedT", equalTo(798_400))
                    .body("years[0].verification.owedFromEarlierCyclesT", equalTo(60_000))
                    .body("years[0].verification.deductedT", equalTo(60_000))
                    .body("years[0].verification.gapT", equalTo(850_000 - 738_400))
                    .body("years[0].issuedT", equalTo(738_400));
        }
        // the second entity was issued in full first, then clawed back
        assertThat(OutboxRows.events(Topics.ALLOCATIONS, second)).extracting(e -> e.type())
                .containsExactly(AllocationInstruction.ISSUE, AllocationInstruction.CLAW_BACK);
        assertThat(OutboxRows.events(Topics.ALLOCATIONS, first)).extracting(e -> e.type())
                .containsExactly(AllocationInstruction.ISSUE);
    }

    private static String row(String uscc, String year) {
        return String.join(",", uscc, "U1", year, "COAL_300MW_AND_BELOW", "WATER", "300", "940000", "0", "0", "0.90",
                "850000", "1000000") + "\n";
    }

    private static void owe(String uscc, String vintage, long borrowedT, long shortfallT) {
        QuarkusTransaction.requiringNew().run(() -> {
            EntityManager em = Arc.container().instance(EntityManager.class).get();
            em.createNativeQuery("insert into next_allocation_deduction (cycle, uscc, vintage, quantity_t, source, "
                            + "reference, recorded_by, recorded_at) values ('2021-2022', ?1, ?2, ?3, 'BORROWING', ?4, "
                            + "'test', ?5)")
                    .setParameter(1, uscc).setParameter(2, vintage).setParameter(3, borrowedT)
                    .setParameter(4, "borrowing:bridge-" + uscc).setParameter(5, Instant.now()).executeUpdate();
            em.createNativeQuery("insert into shortfall_line (cycle, uscc, compliance_year, vintage, quantity_t, state, "
                            + "compliance_event, recorded_at) values ('2021-2022', ?1, 2022, ?2, ?3, 'OWED', "
                            + "gen_random_uuid(), ?4)")
                    .setParameter(1, uscc).setParameter(2, vintage).setParameter(3, shortfallT)
                    .setParameter(4, Instant.now()).executeUpdate();
        });
    }

    private static void verify(String cycle) {
        String id = given().auth().oauth2(Tokens.province(PROVINCE)).post(BASE + "/cycles/" + cycle + "/verification")
                .then().statusCode(202).extract().path("id");
        assertThat(awaitJob(Tokens.province(PROVINCE), id).getString("status")).isEqualTo("SUCCEEDED");
    }
}

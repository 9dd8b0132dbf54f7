package cn.carbon.allocation.issuance;

import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.coalRow;
import static cn.carbon.allocation.Fixtures.entity;
import static cn.carbon.allocation.Fixtures.importOk;
import static cn.carbon.allocation.Fixtures.run;
import static cn.carbon.allocation.issuance.Nets.CUSTODY;
import static cn.carbon.allocation.issuance.Nets.ENTITY;
import static cn.carbon.allocation.issuance.Nets.at;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Order never matters (notice §一): for each status, the entity-year's final net per destination and vintage is the
 * same whether the status is set before the pre-allocation, after it, after it with the pre-allocation re-run, or
 * after the verification (re-routed in the status change's transaction). One coal unit, 1,000,000 MWh both years:
 * issued 821,800 t (2021) and 817,700 t (2022); pre-allocation 575,260 t and 572,390 t.
 *
 * <p>Scenarios A (before), B (after), D (after verification) run in province {@link #P1}; C (after, pre-allocation
 * re-run) in {@link #P2}, so that its re-run touches no other scenario.
 */
@QuarkusTest
class RunOrderTest {

    static final String P1 = "150000";
    static final String P2 = "140000";
    static final List<String> STATUSES = List.of("OPERATING", "FACILITIES_CLOSED", "COMPLIANCE_RISK", "DISSOLVED");

    static Map<String, Long> expected(String status) {
        return switch (status) {
            case "OPERATING" -> Nets.of(at(ENTITY, "2021"), 821_800, at(ENTITY, "2022"), 817_700);
            case "FACILITIES_CLOSED" -> Nets.of(at(CUSTODY, "2021"), 821_800, at(CUSTODY, "2022"), 817_700);
            case "COMPLIANCE_RISK" -> Nets.of(at(ENTITY, "2021"), 575_260, at(ENTITY, "2022"), 572_390,
                    at(CUSTODY, "2021"), 246_540, at(CUSTODY, "2022"), 245_310);
            case "DISSOLVED" -> Map.of();
            default -> throw new IllegalArgumentException(status);
        };
    }

    @Test
    void theFinalNetPerDestinationAndVintageDoesNotDependOnTheOrder() {
        Map<String, String[]> scenarios = new LinkedHashMap<>(); // uscc → {status, scenario}
        for (String status : STATUSES) {
            for (String scenario : List.of("A", "B", "C", "D")) {
                String province = scenario.equals("C") ? P2 : P1;
                String uscc = entity(province);
                importOk(province, coalRow(uscc, "U1", 2021, 1_000_000, 900_000),
                        coalRow(uscc, "U1", 2022, 1_000_000, 900_000));
                // OPERATING is reached from FACILITIES_CLOSED, so that its change matters too
                if (status.equals("OPERATING")) {
                    status(province, uscc, "FACILITIES_CLOSED");
                }
                scenarios.put(uscc, new String[]{status, scenario, province});
            }
        }
        forEach(scenarios, "A", (uscc, s) -> status(s[2], uscc, s[0]));
        run("pre-allocation", P1);
        run("pre-allocation", P2);
        forEach(scenarios, "B", (uscc, s) -> status(s[2], uscc, s[0]));
        forEach(scenarios, "C", (uscc, s) -> status(s[2], uscc, s[0]));
        run("pre-allocation", P2); // C: the pre-allocation re-run after the status change
        run("verification", P1);
        run("verification", P2);
        forEach(scenarios, "D", (uscc, s) -> status(s[2], uscc, s[0])); // after 核定: re-routed

        for (String province : List.of(P1, P2)) {
            List<String> usccs = new ArrayList<>();
            scenarios.forEach((u, s) -> {
                if (s[2].equals(province)) {
                    usccs.add(u);
                }
            });
            Map<String, Map<String, Long>> nets = Nets.publishedEqualsStored(province, usccs);
            for (String u : usccs) {
                String[] s = scenarios.get(u);
                assertThat(nets.get(u)).as("%s, status set %s", s[0], switch (s[1]) {
                    case "A" -> "before the pre-allocation";
                    case "B" -> "after the pre-allocation";
                    case "C" -> "after the pre-allocation, pre-allocation re-run";
                    default -> "after the verification";
                }).isEqualTo(expected(s[0]));
            }
        }
    }

    private static void forEach(Map<String, String[]> scenarios, String scenario,
                                java.util.function.BiConsumer<String, String[]> step) {
        scenarios.forEach((uscc, s) -> {
            if (s[1].equals(scenario)) {
                step.accept(uscc, s);
            }
        });
    }

    static void status(String province, String uscc, String status) {
        given().auth().oauth2(Tokens.province(province)).contentType(ContentType.JSON)
                .body(Map.of("status", status,
                        "reasons", status.equals("COMPLIANCE_RISK") ? List.of("DEBT") : List.of(),
                        "why", "run order test: " + status))
                .put(BASE + "/entities/" + uscc + "/status").then().statusCode(200);
    }
}

package cn.carbon.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A forced-surrender order's totals as its pages show them: lines moved, tonnes surrendered and short over the years. */
class ForcedSurrenderResultsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anExecutedOrderAddsUpItsYears() throws Exception {
        JsonNode order = JSON.readTree("""
                {"id":"a","status":"EXECUTED","years":[
                  {"complianceYear":2021,"lines":[{"vintage":"2021","quantityT":950000,"fromAccount":"CUSTODY"},
                                                  {"vintage":"2022","quantityT":50000,"fromAccount":"CUSTODY"}],
                   "surrenderedT":1000000,"remainingT":0,"shortfallT":0},
                  {"complianceYear":2022,"lines":[{"vintage":"2022","quantityT":1000000,"fromAccount":"HOLDING"}],
                   "surrenderedT":1000000,"remainingT":50000,"shortfallT":50000}],"released":[]}""");
        ForcedSurrenderResults shown = ForcedSurrenderResults.of(order);
        assertThat(shown.executed()).isTrue();
        assertThat(shown.id()).isEqualTo("a");
        assertThat(shown.lines()).isEqualTo(3);
        assertThat(shown.surrenderedT()).isEqualTo(2_000_000);
        assertThat(shown.shortfallT()).isEqualTo(50_000);
        assertThat(shown.surrendered()).isEqualTo("2,000,000");
        assertThat(shown.shortfall()).isEqualTo("50,000");
    }

    @Test
    void anEntrustedOrderHasMovedNothingYet() throws Exception {
        List<ForcedSurrenderResults> shown = ForcedSurrenderResults.all(List.of(
                JSON.readTree("{\"id\":\"b\",\"status\":\"ENTRUSTED\",\"years\":[],\"released\":[]}")));
        assertThat(shown).singleElement().satisfies(o -> {
            assertThat(o.executed()).isFalse();
            assertThat(o.lines()).isZero();
            assertThat(o.shortfallT()).isZero();
        });
    }

    @Test
    void aListsItemsAreOneOrderEach() throws Exception {
        JsonNode items = JSON.readTree("[{\"id\":\"c\",\"status\":\"ENTRUSTED\"},{\"id\":\"d\",\"status\":\"EXECUTED\"}]");
        assertThat(ForcedSurrenderResults.all(items)).extracting(ForcedSurrenderResults::id).containsExactly("c", "d");
    }

    @Test
    void theProblemsOfTheProvincesFormsNameTheirField() throws Exception {
        Messages messages = new Messages();
        for (var expected : List.of(List.of("entity-exists", "uscc"), List.of("relief-exists", "complianceYear"),
                List.of("not-verified", "complianceYear"), List.of("entity-dissolved", "status"))) {
            JsonNode problem = JSON.readTree("{\"type\":\"https://carbon.example/problems/" + expected.get(0)
                    + "\",\"status\":409,\"detail\":\"d\"}");
            Problems.Shown shown = Problems.read(409, problem, messages.of(Messages.ZH));
            assertThat(Problems.fields(shown)).containsOnlyKeys(expected.get(1));
            assertThat(shown.message()).isNotEqualTo(messages.get(Messages.ZH, "problem.other"));
        }
    }
}

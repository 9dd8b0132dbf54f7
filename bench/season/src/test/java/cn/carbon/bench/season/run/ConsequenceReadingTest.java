package cn.carbon.bench.season.run;

import cn.carbon.bench.season.data.DataSet;
import cn.carbon.bench.season.data.DataSet.Entity;
import cn.carbon.bench.season.data.DataSet.Plan;
import cn.carbon.bench.season.data.DataSet.Year;
import cn.carbon.bench.season.data.Rulebook;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How the season reads issue 12's answers (ApiFields) and compares them with its own expectation. */
class ConsequenceReadingTest {

    @Test
    void aStatementIsReadAndComparedLineByLine() throws IOException {
        Entity e = new Entity();
        e.plan = Plan.LATE;
        e.years.put(2021, year(2021, 500, 0, "COMPLIANT"));
        e.years.put(2022, year(2022, 0, 1_200, "COMPLIANT_LATE"));
        e.years.get(2021).borrowedT = 300;
        e.years.get(2022).shortfallAtDeadlineT = 1_200;
        ConsequenceChecks.Statement want = ConsequenceChecks.Statement.expected(e);
        assertThat(want.active()).isEqualTo(Map.of("BORROWING_REPAYMENT 2021", 300L));
        assertThat(want.cancelled()).isEqualTo(Map.of("SHORTFALL 2022", 1_200L));

        JsonNode good = Http.JSON.readTree("""
                {"uscc":"x","lines":[
                  {"kind":"BORROWING_REPAYMENT","complianceYear":2021,"quantityT":300},
                  {"kind":"SHORTFALL","complianceYear":2022,"quantityT":1200,"cancelled":true,"cancelledBy":"late compliance"},
                  {"kind":"RELIEF_ADVANCE","complianceYear":2021,"quantityT":0}]}""");
        assertThat(ConsequenceChecks.Statement.of(ApiFields.array(good, ApiFields.LINES)).diff(want)).isEmpty();

        JsonNode byStatus = Http.JSON.readTree("""
                [{"type":"BORROWING","year":2021,"quantityT":300},
                 {"type":"SHORTFALL","year":2022,"quantityT":1200,"status":"CANCELLED"}]""");
        assertThat(ConsequenceChecks.Statement.of(ApiFields.array(byStatus, ApiFields.LINES)).diff(want)).isEmpty();

        JsonNode stillOwed = Http.JSON.readTree("""
                {"lines":[{"kind":"BORROWING_REPAYMENT","complianceYear":2021,"quantityT":300},
                  {"kind":"SHORTFALL","complianceYear":2022,"quantityT":1200}]}""");
        assertThat(ConsequenceChecks.Statement.of(ApiFields.array(stillOwed, ApiFields.LINES)).diff(want))
                .contains("owed").contains("cancelled SHORTFALL 2022 null/1200");

        JsonNode wrongQuantity = Http.JSON.readTree("""
                {"lines":[{"kind":"BORROWING_REPAYMENT","complianceYear":2021,"quantityT":299},
                  {"kind":"SHORTFALL","complianceYear":2022,"quantityT":1200,"cancelledAt":"2024-01-08T02:00:00Z"}]}""");
        assertThat(ConsequenceChecks.Statement.of(ApiFields.array(wrongQuantity, ApiFields.LINES)).diff(want))
                .startsWith("owed {BORROWING_REPAYMENT 2021=299}");
    }

    @Test
    void balancesPerAccountAndVintage() throws IOException {
        Rulebook rb = Rulebook.read(Path.of("../../allocation-service/src/main/resources/rulebooks/CN-ETS-2021-2022-power.json"));
        Entity e = new Entity();
        e.years.put(2021, year(2021, 0, 0, "COMPLIANT"));
        e.years.put(2022, year(2022, 0, 0, "COMPLIANT"));
        e.years.get(2021).custodyT = 900;
        e.years.get(2022).accountT = 700;
        e.years.get(2022).custodyT = 50;
        JsonNode account = Http.JSON.readTree("""
                {"holdings":[{"vintage":"2022","freeT":700,"restrictedT":0},{"vintage":"2023","freeT":0,"restrictedT":40}],
                 "custody":[{"vintage":"2021","freeT":900,"restrictedT":0},{"vintage":"2022","freeT":50,"restrictedT":0}]}""");
        assertThat(SpecialPaths.balanceDiff(e, account, rb)).isEmpty();
        JsonNode notMoved = Http.JSON.readTree("""
                {"holdings":[{"vintage":"2021","freeT":630,"restrictedT":0},{"vintage":"2022","freeT":700,"restrictedT":0}],
                 "custody":[{"vintage":"2021","freeT":270,"restrictedT":0},{"vintage":"2022","freeT":50,"restrictedT":0}]}""");
        assertThat(SpecialPaths.balanceDiff(e, notMoved, rb)).isEqualTo("account 2021 630/0, custody 2021 270/900");
    }

    @Test
    void fieldNamesFallBackInOrder() throws IOException {
        JsonNode d = Http.JSON.readTree("{\"deadline\":\"issuanceAndComplianceNotice\",\"status\":\"DONE_LATE\",\"reason\":\"r\"}");
        assertThat(ApiFields.text(d, ApiFields.DEADLINE_NAME)).isEqualTo(ApiFields.VERIFICATION_DEADLINE);
        assertThat(ApiFields.text(d, ApiFields.DEADLINE_STATE)).isEqualTo("DONE_LATE");
        assertThat(ApiFields.text(d, ApiFields.DEADLINE_REASON)).isEqualTo("r");
        assertThat(ApiFields.cancelled(Http.JSON.readTree("{\"cancelled\":false,\"status\":\"OPEN\"}"))).isFalse();
    }

    private static Year year(int y, long borrowed, long shortfall, String status) {
        Year year = new DataSet.Year();
        year.year = y;
        year.borrowedT = borrowed;
        year.shortfallAtDeadlineT = shortfall;
        year.expectedStatus = status;
        return year;
    }
}

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import cn.carbon.bench.season.run.ConsequenceChecks.Statement;

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
        Statement want = Statement.expected(e);
        assertThat(want.active()).isEqualTo(Map.of("BORROWING_REPAYMENT 2021", 300L));
        assertThat(want.cancelled()).isEqualTo(Map.of("SHORTFALL 2022", 1_200L));

        JsonNode good = Http.JSON.readTree("""
                {"uscc":"x","statement":{"lines":[
                  {"kind":"BORROWING_REPAYMENT","complianceYear":2021,"quantityT":300,"state":"OWED"},
                  {"kind":"SHORTFALL","complianceYear":2022,"quantityT":1500,"state":"SUPERSEDED"},
                  {"kind":"SHORTFALL","complianceYear":2022,"quantityT":1200,"state":"CANCELLED"}]}}""");
        assertThat(Statement.of(entityLines(good)).diff(want)).isEmpty();

        JsonNode stillOwed = Http.JSON.readTree("""
                {"statement":{"lines":[{"kind":"BORROWING_REPAYMENT","complianceYear":2021,"quantityT":300,"state":"OWED"},
                  {"kind":"SHORTFALL","complianceYear":2022,"quantityT":1200,"state":"OWED"}]}}""");
        assertThat(Statement.of(entityLines(stillOwed)).diff(want))
                .contains("owed").contains("cancelled SHORTFALL 2022 null/1200");

        JsonNode provinceRows = Http.JSON.readTree("""
                {"items":[{"uscc":"x","kind":"BORROWING_REPAYMENT","compliance_year":2021,"quantity_t":299,"state":"OWED"},
                  {"uscc":"x","kind":"SHORTFALL","compliance_year":2022,"quantity_t":1200,"state":"CANCELLED"}]}""");
        List<ApiFields.Line> rows = new ArrayList<>();
        provinceRows.path("items").forEach(r -> rows.add(ApiFields.Line.ofProvinceRow(r)));
        assertThat(Statement.of(rows).diff(want)).startsWith("owed {BORROWING_REPAYMENT 2021=299}");
    }

    private static List<ApiFields.Line> entityLines(JsonNode answer) {
        List<ApiFields.Line> lines = new ArrayList<>();
        answer.path("statement").path("lines").forEach(l -> lines.add(ApiFields.Line.ofEntity(l)));
        return lines;
    }

    @Test
    void balancesPerAccountAndVintage() throws IOException {
        Rulebook rb = Rulebook.read(Path.of("../../contracts/src/main/resources/carbon/rulebooks/CN-ETS-2021-2022-power.json"));
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

    private static Year year(int y, long borrowed, long shortfall, String status) {
        Year year = new DataSet.Year();
        year.year = y;
        year.borrowedT = borrowed;
        year.shortfallAtDeadlineT = shortfall;
        year.expectedStatus = status;
        return year;
    }
}

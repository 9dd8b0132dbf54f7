package cn.carbon.risk.feeds;

import cn.carbon.platform.web.ProblemException;
import cn.carbon.risk.rulebook.RiskCycles;
import cn.carbon.risk.rulebook.ShippedRulebook;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading and single-row validation of CSV and JSON feeds. */
class FeedReadersTest {

    static final String USCC = "91320000T000000019";
    final FeedRowValidator validator = new FeedRowValidator(ShippedRulebook.load());

    static List<FeedRow> rows(FeedReader reader) throws IOException {
        List<FeedRow> rows = new ArrayList<>();
        for (FeedRow r = reader.next(); r != null; r = reader.next()) {
            rows.add(r);
        }
        return rows;
    }

    static CsvFeedReader csv(String text) {
        return new CsvFeedReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void csvRowsAreNumberedFromTheFirstDataRow() throws IOException {
        List<FeedRow> rows = rows(csv("\uFEFFuscc,week_start,week_end,bought_t,sold_t\r\n"
                + USCC + ",2023-12-04,2023-12-10,100,40\r\n\r\n" + USCC + ",2023-12-11,2023-12-17,\"5\",0\n"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).rowNo()).isEqualTo(2);
        assertThat(rows.get(1).boughtT()).isEqualTo("5");
    }

    @Test
    void aWrongHeaderIsNamed() {
        assertThatThrownBy(() -> rows(csv("uscc,week,bought,sold\n" + USCC + ",2023-12-04,1,2\n")))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(422);
                    assertThat(p.slug()).isEqualTo(FeedProblems.HEADER);
                    assertThat(p.errors().get(0).message()).contains("uscc,week,bought,sold");
                });
        assertThatThrownBy(() -> rows(csv(""))).hasMessageContaining("uscc,week_start,week_end,bought_t,sold_t");
    }

    @Test
    void aRowWithTheWrongNumberOfColumnsIsNamed() throws IOException {
        FeedRow row = rows(csv(FeedReader.HEADER + "\n" + USCC + ",2023-12-04,2023-12-10,100\n")).get(0);
        FeedProblems problems = new FeedProblems(10);
        assertThat(validator.validate(row, problems)).isNull();
        assertThat(problems.listed().get(0).message()).contains("expected 5 columns");
    }

    @Test
    void singleRowChecksNameTheColumn() throws IOException {
        List<FeedRow> rows = rows(csv(FeedReader.HEADER + "\n"
                + USCC + ",2023-12-04,2023-12-10,-5,0\n"          // negative
                + USCC + ",2024-01-01,2024-01-07,5,0\n"           // outside the cycle
                + USCC + ",2023-12-04,2023-12-14,5,0\n"           // eleven days
                + "NOT-A-USCC,2023-12-04,2023-12-10,5,0\n"
                + USCC + ",2023-12-10,2023-12-04,5,0\n"           // end before start
                + USCC + ",04/12/2023,2023-12-10,5,1.5\n"
                + USCC + ",2023-12-04,2023-12-10,5,0\n"));
        FeedProblems problems = new FeedProblems(100);
        List<FeedRowValidator.ValidRow> valid = rows.stream().map(r -> validator.validate(r, problems))
                .filter(java.util.Objects::nonNull).toList();
        assertThat(valid).singleElement().extracting(FeedRowValidator.ValidRow::rowNo).isEqualTo(7);
        assertThat(problems.listed()).extracting(e -> e.row() + " " + e.field()).containsExactly(
                "1 bought_t", "2 week_start", "3 week_end", "4 uscc", "5 week_end", "6 week_start", "6 sold_t");
        assertThat(problems.listed().get(0).message()).isEqualTo("must not be negative: -5");
        assertThat(problems.listed().get(1).message()).contains("outside cycle 2021-2022");
    }

    @Test
    void withAnnualCyclesEachWeekIsJudgedByTheCycleWhoseWindowHoldsIt() throws IOException {
        FeedRowValidator annual = new FeedRowValidator(new RiskCycles(List.of(ShippedRulebook.cycle2023(),
                ShippedRulebook.load())));
        List<FeedRow> rows = rows(csv(FeedReader.HEADER + "\n"
                + USCC + ",2023-12-25,2023-12-31,5,0\n"          // 2021-2022
                + USCC + ",2024-12-02,2024-12-08,5,0\n"          // 2023
                + USCC + ",2023-12-28,2024-01-03,5,0\n"          // across the two windows
                + USCC + ",2025-01-06,2025-01-12,5,0\n"));       // no rulebook of 2024 here
        FeedProblems problems = new FeedProblems(100);
        List<FeedRowValidator.ValidRow> valid = rows.stream().map(r -> annual.validate(r, problems))
                .filter(java.util.Objects::nonNull).toList();
        assertThat(valid).extracting(FeedRowValidator.ValidRow::rowNo).containsExactly(1, 2);
        assertThat(problems.listed()).extracting(e -> e.row() + " " + e.field()).containsExactly(
                "3 week_start", "4 week_start");
        assertThat(problems.listed().get(1).message()).isEqualTo("the week 2025-01-06..2025-01-12 is outside every "
                + "cycle's feed window (2021-2022: 2023-01-02..2023-12-31, 2023: 2024-01-01..2024-12-31)");
    }

    @Test
    void problemsBeyondTheListedAreCounted() {
        FeedProblems problems = new FeedProblems(2);
        for (int i = 1; i <= 5; i++) {
            problems.add(i, "uscc", "bad");
        }
        ProblemException p = problems.rejection(5);
        assertThat(p.errors()).hasSize(2);
        assertThat(p.getMessage()).contains("5 problem(s)").contains("the first 2 are listed");
    }

    @Test
    void jsonRowsComeAsAnArrayOrUnderRows() throws IOException {
        ObjectMapper json = new ObjectMapper();
        String row = "{\"uscc\":\"" + USCC + "\",\"weekStart\":\"2023-12-04\",\"weekEnd\":\"2023-12-10\",\"boughtT\":7,\"soldT\":2}";
        assertThat(rows(new JsonFeedReader(new ByteArrayInputStream(("[" + row + "," + row + "]").getBytes()), json)))
                .hasSize(2);
        List<FeedRow> wrapped = rows(new JsonFeedReader(new ByteArrayInputStream(
                ("{\"source\":\"exchange\",\"rows\":[" + row + "]}").getBytes()), json));
        assertThat(wrapped).singleElement().satisfies(r -> {
            assertThat(r.boughtT()).isEqualTo("7");
            assertThat(validator.validate(r, new FeedProblems(1))).isNotNull();
        });
        FeedRow unknown = rows(new JsonFeedReader(new ByteArrayInputStream(
                "[{\"uscc\":\"x\",\"price\":1}]".getBytes()), json)).get(0);
        assertThat(unknown.shapeError()).contains("unknown field price");
        assertThatThrownBy(() -> rows(new JsonFeedReader(new ByteArrayInputStream("[{\"uscc\":".getBytes()), json)))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.slug()).isEqualTo(FeedProblems.MALFORMED));
    }
}

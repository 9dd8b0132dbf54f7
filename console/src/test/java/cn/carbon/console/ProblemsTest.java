package cn.carbon.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Messages messages = new Messages();

    @Test
    void aRejectedImportListsEachRowWithTheColumnInWords() throws Exception {
        var problem = json.readTree("""
                {"type":"https://carbon.example/problems/invalid-unit-data","title":"Unit data rejected","status":422,
                 "detail":"1 bad row","errors":[{"row":2,"column":"heat_ratio","field":"heat_ratio","message":"must be in [0,1]"}]}""");
        Problems.Shown zh = Problems.read(422, problem, messages.of(Messages.ZH));
        assertThat(zh.message()).isEqualTo("机组数据未通过校验，未导入任何数据");
        assertThat(zh.cells()).singleElement().satisfies(cell -> {
            assertThat(cell.row()).isEqualTo(2);
            assertThat(cell.field()).isEqualTo("heat_ratio");
            assertThat(cell.column()).isEqualTo("供热比");
            assertThat(cell.message()).isEqualTo("must be in [0,1]");
        });
        Problems.Shown en = Problems.read(422, problem, messages.of(Messages.EN));
        assertThat(en.message()).isEqualTo("The unit data were rejected; nothing was imported");
        assertThat(en.cells().get(0).column()).isEqualTo("Heat ratio");
    }

    @Test
    void aNotFoundIsTheOneWord未找到() throws Exception {
        var problem = json.readTree("""
                {"type":"https://carbon.example/problems/not-found","title":"Not found","status":404,"detail":"entity x was not found"}""");
        assertThat(Problems.read(404, problem, messages.of(Messages.ZH)).message()).isEqualTo("未找到");
        // an answer without a problem body (the gateway unreachable, say) is still named by its status
        assertThat(Problems.read(404, json.createObjectNode(), messages.of(Messages.ZH)).message()).isEqualTo("未找到");
        assertThat(Problems.read(502, json.createObjectNode(), messages.of(Messages.ZH)).message())
                .isEqualTo("服务暂时不可用，请稍后再试");
    }

    @Test
    void anUnknownProblemFallsBackToAGeneralSentenceAndKeepsTheServicesDetail() throws Exception {
        var problem = json.readTree("""
                {"type":"https://carbon.example/problems/something-new","status":409,"detail":"why it failed"}""");
        Problems.Shown shown = Problems.read(409, problem, messages.of(Messages.ZH));
        assertThat(shown.message()).isEqualTo("操作未成功");
        assertThat(shown.detail()).isEqualTo("why it failed");
    }

    @Test
    void aSurrendersBadLineNamesTheFormsFieldInWords() throws Exception {
        var problem = json.readTree("""
                {"type":"https://carbon.example/problems/insufficient-holdings","status":422,"detail":"holds 10 t",
                 "errors":[{"field":"lines[0].quantityT","message":"holds 10 t of 2021"}]}""");
        Problems.Shown zh = Problems.read(422, problem, messages.of(Messages.ZH));
        assertThat(zh.message()).isEqualTo("持有配额不足");
        assertThat(zh.cells().get(0).column()).isEqualTo("数量（吨）");
        assertThat(Problems.fields(zh)).containsExactly(java.util.Map.entry("quantityT", "holds 10 t of 2021"));
        assertThat(Problems.read(422, problem, messages.of(Messages.EN)).cells().get(0).column()).isEqualTo("Quantity (t)");
    }

    @Test
    void aProblemWithoutErrorsIsPutAtTheFieldItsTypeIsAbout() throws Exception {
        var problem = json.readTree("""
                {"type":"https://carbon.example/problems/four-eyes","status":403,"detail":"the applicant may not decide"}""");
        Problems.Shown shown = Problems.read(403, problem, messages.of(Messages.ZH));
        assertThat(Problems.fields(shown)).containsOnlyKeys("decision");
        var unrelated = json.readTree("""
                {"type":"https://carbon.example/problems/something-new","status":409}""");
        assertThat(Problems.fields(Problems.read(409, unrelated, messages.of(Messages.ZH)))).isEmpty();
    }

    @Test
    void moreThanTheRemainingObligationIsPutAtTheQuantity() throws Exception {
        var problem = json.readTree("""
                {"type":"https://carbon.example/problems/exceeds-remaining-obligation","status":422,
                 "errors":[{"field":"lines","message":"only 10 t remain"}]}""");
        Problems.Shown shown = Problems.read(422, problem, messages.of(Messages.ZH));
        assertThat(shown.message()).isEqualTo("超过尚需清缴的数量");
        assertThat(shown.cells().get(0).column()).isEqualTo("清缴明细");
        assertThat(Problems.fields(shown)).containsExactly(java.util.Map.entry("quantityT", "only 10 t remain"));
    }
}

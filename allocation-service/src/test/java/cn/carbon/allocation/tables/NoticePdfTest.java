package cn.carbon.allocation.tables;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The 履约通知书 PDF is Chinese, names the entity by its Chinese name and embeds its font. */
class NoticePdfTest {

    static ComplianceNotice notice(String name) {
        var years = List.of(
                new ComplianceNotice.Year(2021, "2021", 1_234_567, 1_234_567, false, 1_000_000, 1_200_000, 0, 1_200_000,
                        "ENTITY_ACCOUNT", 61_728, 0, List.of("2019-2020", "2021")),
                new ComplianceNotice.Year(2022, "2022", 1_100_000, 1_100_000, false, 900_000, 1_050_000, 12_345,
                        1_062_345, "ENTITY_ACCOUNT", 55_000, 20_000, List.of("2021", "2022")));
        var content = new ComplianceNotice.Content("TZ-2021-2022-620000-0001", "2021-2022", "91620000MA00001010", name,
                "620000", "OPERATING", "ENTITY_ACCOUNT", years, "2023-12-31", "CN-ETS-2021-2022-power", 3);
        return new ComplianceNotice(content, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "HMAC-SHA256", List.of(new ComplianceNotice.Compliance(2021, "COMPLIANT", 1_234_567L,
                "2023-11-01T02:00:00Z"), new ComplianceNotice.Compliance(2022, null, null, null)), null);
    }

    @Test
    void theNoticeIsInChineseWithTheEntitysChineseNameAndThousandsSeparators() throws Exception {
        byte[] pdf = new NoticePdf().render(notice("甘肃测试电厂000"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("履约通知书", "重点排放单位：甘肃测试电厂000", "统一社会信用代码：91620000MA00001010",
                    "核查排放量", "清缴义务（吨）", "1,234,567", "12,345", "正常运营", "本单位持有账户",
                    "2021 年度履约情况：按时履约，已清缴 1,234,567 吨", "2022 年度履约情况：注册登记系统尚无记录",
                    "请于 2023-12-31（北京时间）前足额清缴各年度配额", "核验码（HMAC-SHA256）：01234567 89abcdef");
            assertThat(text).doesNotContain("Helvetica");
            List<PDFont> fonts = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    fonts.add(page.getResources().getFont(name));
                }
            }
            assertThat(fonts).isNotEmpty().allSatisfy(font -> {
                assertThat(font.isEmbedded()).as("%s embedded", font.getName()).isTrue();
                assertThat(font.getName()).contains("NotoSansSC");
                // the embedded subset draws every character of the name (an empty outline prints nothing)
                for (int cp : "甘肃测试电厂000履约通知书".codePoints().toArray()) {
                    byte[] code = encode(font, new String(Character.toChars(cp)));
                    int gid = ((code[0] & 0xff) << 8) | (code[1] & 0xff);
                    assertThat(((org.apache.pdfbox.pdmodel.font.PDVectorFont) font).getPath(gid).getBounds2D().isEmpty())
                            .as("outline of %s", new String(Character.toChars(cp))).isFalse();
                }
            });
        }
    }

    private static byte[] encode(PDFont font, String text) {
        try {
            return font.encode(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void onlyTheGlyphsUsedAreEmbedded() {
        // the whole font is ~10 MB; a notice carries the subset it needs
        assertThat(new NoticePdf().render(notice("甘肃测试电厂000")).length).isLessThan(400_000);
    }
}

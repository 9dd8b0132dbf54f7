package cn.carbon.platform.pdf;

import org.junit.jupiter.api.Test;

import java.awt.Font;
import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ChineseFontTest {

    @Test
    void theFontHasTheGlyphsOfTheNoticeAndOfEntityNames() throws Exception {
        byte[] otf = ChineseFont.bytes();
        assertThat(otf).hasSizeGreaterThan(1_000_000);
        // 0x00010000: TrueType outlines (OpenPDF maps the glyphs of a CID-keyed CFF font wrongly)
        assertThat(otf).startsWith(0, 1, 0, 0);
        Font font = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(otf));
        assertThat(font.canDisplayUpTo("履约通知书 核定配额实际发放汇总表 测试电厂000 甘肃 青海 统一社会信用代码 1,234 吨"))
                .as("index of the first character without a glyph").isEqualTo(-1);
        assertThat(ChineseFont.bytes()).isSameAs(otf);
    }
}

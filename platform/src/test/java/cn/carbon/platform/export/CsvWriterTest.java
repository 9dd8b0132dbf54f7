package cn.carbon.platform.export;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvWriterTest {

    @Test
    void formulaCellsAreNeutralised() {
        assertThat(CsvWriter.cell("=HYPERLINK(\"http://x\",\"点击\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\"");
        assertThat(CsvWriter.cell("+1+cmd|' /C calc'!A0")).isEqualTo("'+1+cmd|' /C calc'!A0");
        assertThat(CsvWriter.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvWriter.cell("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
        assertThat(CsvWriter.cell("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(CsvWriter.cell("\r=1")).isEqualTo("\"'\r=1\"");
    }

    @Test
    void quantitiesStayNumbersAndPlainTextIsUntouched() {
        assertThat(CsvWriter.cell(-1500L)).isEqualTo("-1500");
        assertThat(CsvWriter.cell(new BigDecimal("-1.50E+2"))).isEqualTo("-150");
        assertThat(CsvWriter.cell("-42.5")).isEqualTo("-42.5");
        assertThat(CsvWriter.cell("江苏华电 a=b")).isEqualTo("江苏华电 a=b");
        assertThat(CsvWriter.cell(null)).isEmpty();
    }

    @Test
    void rowsAreRfc4180() {
        StringBuilder out = new StringBuilder();
        new CsvWriter(out).row(List.of("a", "b")).row(Arrays.asList("x,y", null));
        new CsvWriter(out, "\n").row(List.of("say \"hi\""));
        assertThat(out.toString()).isEqualTo("a,b\r\n\"x,y\",\r\n\"say \"\"hi\"\"\"\n");
    }
}

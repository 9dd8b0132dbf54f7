package cn.carbon.allocation.tables;

import cn.carbon.allocation.entity.EntityStatus;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TableFormatTest {

    @Test
    void csvQuotesOnlyWhatNeedsIt() throws Exception {
        Table t = new Table("t", "T", List.of("a", "b", "c", "d"),
                List.of(Arrays.asList("x,y", new BigDecimal("1.50E+2"), null, "say \"hi\"")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TableFormat.writeCsv(t, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a,b,c,d\r\n\"x,y\",150,,\"say \"\"hi\"\"\"\r\n");
    }

    @Test
    void aProvincesTextNeverReachesASpreadsheetAsAFormula() throws Exception {
        Table t = new Table("t", "T", List.of("name", "note", "gap"),
                List.of(Arrays.asList("=HYPERLINK(\"http://evil\",\"详情\")", "@SUM(A1)", new BigDecimal("-1200"))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TableFormat.writeCsv(t, out);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("name,note,gap\r\n\"'=HYPERLINK(\"\"http://evil\"\",\"\"详情\"\")\",'@SUM(A1),-1200\r\n");
    }

    @Test
    void extraColumnsAreInTheJsonFormOnly() throws Exception {
        Table t = new Table("t", "T", List.of("a", "b"), List.of(Arrays.asList("x", 1, "COMPLIANT", null)),
                List.of("compliance2021", "compliance2022"));
        assertThat(t.asMap(t.rows().get(0))).containsExactly(Map.entry("a", "x"), Map.entry("b", 1),
                Map.entry("compliance2021", "COMPLIANT"), new java.util.AbstractMap.SimpleEntry<>("compliance2022", null));
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        TableFormat.writeCsv(t, csv);
        assertThat(csv.toString(StandardCharsets.UTF_8)).isEqualTo("a,b\r\nx,1\r\n");
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        TableFormat.writeXlsx(t, xlsx);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.toByteArray()))) {
            assertThat(book.getSheetAt(0).getRow(1).getLastCellNum()).isEqualTo((short) 2);
            assertThat(book.getSheetAt(0).getRow(2).getLastCellNum()).isEqualTo((short) 2);
        }
    }

    @Test
    void negotiatesByAcceptInOrderDefaultingToJson() {
        assertThat(TableFormat.negotiate(List.of("text/csv"))).isEqualTo(TableFormat.CSV);
        assertThat(TableFormat.negotiate(List.of(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv")))
                .isEqualTo(TableFormat.XLSX);
        assertThat(TableFormat.negotiate(List.of("*/*"))).isEqualTo(TableFormat.JSON);
        assertThat(TableFormat.negotiate(List.of())).isEqualTo(TableFormat.JSON);
    }

    @Test
    void specialNotesMarkEverySpecialEntity() {
        assertThat(OfficialTables.specialNotes(EntityStatus.OPERATING, null, null)).isNull();
        assertThat(OfficialTables.specialNotes(EntityStatus.OPERATING, null, "merged in 2022")).isEqualTo("merged in 2022");
        assertThat(OfficialTables.specialNotes(EntityStatus.COMPLIANCE_RISK, "DEBT,JUDICIAL_FREEZE", "frozen"))
                .isEqualTo("需特殊说明: COMPLIANCE_RISK (DEBT,JUDICIAL_FREEZE); frozen");
        assertThat(OfficialTables.specialNotes(EntityStatus.FACILITIES_CLOSED, null, null))
                .isEqualTo("需特殊说明: FACILITIES_CLOSED");
    }
}

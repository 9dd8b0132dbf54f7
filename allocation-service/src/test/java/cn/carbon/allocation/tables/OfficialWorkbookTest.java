package cn.carbon.allocation.tables;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class OfficialWorkbookTest {

    @Test
    void headingsAreChineseWithUnitsYearColumnsIncluded() {
        assertThat(OfficialWorkbook.heading("uscc")).isEqualTo("统一社会信用代码");
        assertThat(OfficialWorkbook.heading("name")).isEqualTo("单位名称");
        assertThat(OfficialWorkbook.heading("pre_allocated_2021")).isEqualTo("2021年度预分配配额（吨）");
        assertThat(OfficialWorkbook.heading("obligation_2022")).isEqualTo("2022年度清缴义务（吨）");
        assertThat(OfficialWorkbook.heading("borrowed_2023")).isEqualTo("预支2023年度配额（吨）");
        assertThat(OfficialWorkbook.heading("power_supply_mwh")).isEqualTo("供电量（MWh）");
        assertThat(OfficialWorkbook.heading("something_new")).isEqualTo("something_new");
    }

    @Test
    void theSheetIsNamedTitledFrozenAndFormattedForReading() throws Exception {
        Table table = new Table("issuance-summary", "核定配额实际发放汇总表 (issuance summary) 2021-2022",
                List.of("uscc", "name", "year", "issued_2021", "heat_ratio", "may_borrow"),
                List.of(Arrays.asList("91620000MA00001010", "甘肃测试电厂101", 2021, 1_234_567L, new BigDecimal("0.2500"),
                        true)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OfficialWorkbook.write(table, out);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(book.getSheetName(0)).isEqualTo("核定配额实际发放汇总表");
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("核定配额实际发放汇总表（2021-2022）");
            assertThat(sheet.getMergedRegion(0).getLastColumn()).isEqualTo(5);
            assertThat(sheet.getRow(1).getCell(3).getStringCellValue()).isEqualTo("2021年度实际发放配额（吨）");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 2);
            DataFormatter shown = new DataFormatter(Locale.ROOT);
            var row = sheet.getRow(2);
            assertThat(shown.formatCellValue(row.getCell(1))).isEqualTo("甘肃测试电厂101");
            assertThat(shown.formatCellValue(row.getCell(2))).as("a year has no separator").isEqualTo("2021");
            assertThat(shown.formatCellValue(row.getCell(3))).isEqualTo("1,234,567");
            assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(1_234_567d);
            assertThat(shown.formatCellValue(row.getCell(4))).isEqualTo("0.2500");
            assertThat(shown.formatCellValue(row.getCell(5))).isEqualTo("是");
        }
    }
}

package cn.carbon.risk.reports;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV form of the weekly report goes through the platform's writer: names neutralised, tonnes numbers. */
class WeeklyReportCsvTest {

    @Test
    void anEntityNameNeverRunsAsAFormulaAndTonnesStayNumbers() {
        WeeklyReport report = new WeeklyReport("650000", "2021-2022", LocalDate.of(2023, 12, 4), LocalDate.of(2023, 12, 10),
                LocalDate.of(2023, 12, 1), LocalDate.of(2023, 12, 31), 1, List.of(
                new WeeklyReport.Row("91650000MA0000001X", "=cmd|' /C calc'!A0", 100, 300, -200, -200, 5000),
                new WeeklyReport.Row("91650000MA0000002X", "+新疆电力, 乌鲁木齐", 0, 0, 0, 0, 0)));
        assertThat(report.toCsv()).isEqualTo(WeeklyReport.CSV_HEADER + "\n"
                + "91650000MA0000001X,'=cmd|' /C calc'!A0,100,300,-200,-200,5000\n"
                + "91650000MA0000002X,\"'+新疆电力, 乌鲁木齐\",0,0,0,0,0\n");
    }
}

package cn.carbon.risk.reports;

import cn.carbon.platform.export.CsvWriter;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * A province's weekly net-purchase report in the final month before the deadline (notice §五(二)): per entity the
 * week's bought, sold and net tonnes, the net since the reporting month began, and the gap still to close.
 */
public record WeeklyReport(String provinceCode, String cycle, LocalDate weekStart, LocalDate weekEnd,
                           LocalDate cumulativeFrom, LocalDate deadline, int feedVersion, List<Row> rows) {

    public record Row(String uscc, String name, long boughtT, long soldT, long netT, long cumulativeNetT,
                      long remainingGapT) {
    }

    public static final String CSV_HEADER = "uscc,name,bought_t,sold_t,net_t,cumulative_net_t,remaining_gap_t";

    /** Through the platform's CSV writer: an entity's name never reaches a spreadsheet as a formula. */
    public String toCsv() {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        CsvWriter csv = new CsvWriter(out, "\n");
        for (Row r : rows) {
            csv.row(Arrays.asList(r.uscc(), r.name(), r.boughtT(), r.soldT(), r.netT(),
                    r.cumulativeNetT(), r.remainingGapT()));
        }
        return out.toString();
    }
}

package cn.carbon.risk.reports;

import java.time.LocalDate;
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

    public String toCsv() {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (Row r : rows) {
            csv.append(r.uscc()).append(',').append(quote(r.name())).append(',').append(r.boughtT()).append(',')
                    .append(r.soldT()).append(',').append(r.netT()).append(',').append(r.cumulativeNetT()).append(',')
                    .append(r.remainingGapT()).append('\n');
        }
        return csv.toString();
    }

    private static String quote(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}

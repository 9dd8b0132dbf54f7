package cn.carbon.contracts;

import java.time.LocalDate;
import java.util.List;

/** {@code carbon.net-purchase-reports.v1}: a province's weekly net-purchase report in the final month. */
public record NetPurchaseReportEvent(String provinceCode, String cycle, LocalDate weekStart, LocalDate weekEnd,
                                     List<Row> rows) {

    public static final String PUBLISHED = "WeeklyNetPurchaseReportPublished";

    public record Row(String uscc, long boughtT, long soldT, long netT, long cumulativeNetT, long remainingGapT) {
    }
}

package cn.carbon.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The national compliance report: per province and compliance year the entities, their obligations, what they
 * surrendered and offset, what remains, the entities per status and the compliance rate (complied, on time or late,
 * of the entities that are not exempt, as the service counts it), with the national totals of each year.
 */
public final class NationalReport {

    /** The statuses in the report's column order. */
    public static final List<String> STATUSES = List.of("OPEN", "COMPLIANT", "COMPLIANT_LATE", "OVERDUE", "EXEMPT");
    /** The province code of a year's national totals. */
    public static final String NATIONAL = "ALL";

    private NationalReport() {
    }

    /** One entity-year: obligation and remaining null while unknown. */
    public record Entry(String province, int year, String status, Long obligationT, long obligationAddedT,
                        Long remainingT, long surrenderedT, long offsetT) {
    }

    /** {@code rate} null when no entity of the row has an obligation (all exempt). */
    public record Row(String province, int year, long entities, long obligationT, long surrenderedT, long offsetT,
                      long remainingT, Map<String, Long> byStatus, Double rate) {

        public boolean national() {
            return NATIONAL.equals(province);
        }

        public long count(String status) {
            return byStatus.getOrDefault(status, 0L);
        }
    }

    /** The provinces' rows of each year in code order, each year followed by its national total. */
    public static List<Row> of(Collection<Entry> entries) {
        Map<Integer, Map<String, List<Entry>>> byYear = new TreeMap<>();
        for (Entry e : entries) {
            byYear.computeIfAbsent(e.year(), y -> new TreeMap<>()).computeIfAbsent(e.province(), p -> new ArrayList<>())
                    .add(e);
        }
        List<Row> rows = new ArrayList<>();
        byYear.forEach((year, provinces) -> {
            List<Entry> all = new ArrayList<>();
            provinces.forEach((province, list) -> {
                rows.add(row(province, year, list));
                all.addAll(list);
            });
            rows.add(row(NATIONAL, year, all));
        });
        return rows;
    }

    static Row row(String province, int year, List<Entry> entries) {
        long obligation = 0;
        long surrendered = 0;
        long offset = 0;
        long remaining = 0;
        Map<String, Long> byStatus = new LinkedHashMap<>();
        STATUSES.forEach(s -> byStatus.put(s, 0L));
        for (Entry e : entries) {
            obligation += (e.obligationT() == null ? 0 : e.obligationT()) + e.obligationAddedT();
            surrendered += e.surrenderedT();
            offset += e.offsetT();
            remaining += e.remainingT() == null ? 0 : Math.max(0, e.remainingT());
            byStatus.merge(e.status(), 1L, Long::sum);
        }
        long obliged = entries.size() - byStatus.get("EXEMPT");
        long complied = byStatus.get("COMPLIANT") + byStatus.get("COMPLIANT_LATE");
        Double rate = obliged == 0 ? null : Math.floor(complied * 1000.0 / obliged) / 10;
        return new Row(province, year, entries.size(), obligation, surrendered, offset, remaining, byStatus, rate);
    }

    /** The report as CSV (UTF-8 with a BOM, so that spreadsheet programs read the Chinese names). */
    public static String csv(List<Row> rows, Map<String, String> words) {
        StringBuilder csv = new StringBuilder("\uFEFFprovince,province_name,compliance_year,entities,obligation_t,"
                + "surrendered_t,offset_t,remaining_t,open,compliant,compliant_late,overdue,exempt,compliance_rate_percent\n");
        for (Row r : rows) {
            String name = r.national() ? words.getOrDefault("report_national", "全国")
                    : words.getOrDefault("province." + r.province(), r.province());
            csv.append(r.province()).append(',').append(cell(name)).append(',').append(r.year()).append(',')
                    .append(r.entities()).append(',').append(r.obligationT()).append(',').append(r.surrenderedT())
                    .append(',').append(r.offsetT()).append(',').append(r.remainingT());
            STATUSES.forEach(s -> csv.append(',').append(r.count(s)));
            csv.append(',').append(r.rate() == null ? "" : r.rate()).append('\n');
        }
        return csv.toString();
    }

    private static String cell(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}

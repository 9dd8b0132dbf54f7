package cn.carbon.surrender.carryover;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The carry-over cap list (配额结转上限) as people open it in a spreadsheet, as allocation-service writes its official
 * tables: the sheet 配额结转上限, a title row with the cycle and the figures' date, bilingual headings (Chinese with the
 * unit, then the CSV's column name), frozen above the data; quantities with thousands separators. Text that a
 * spreadsheet would read as a formula (an entity's name starting with {@code = + - @}) gets a leading apostrophe, as
 * in the CSV.
 */
public final class CarryOverCapWorkbook {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String SHEET = "配额结转上限";
    /** Rows above the data: the title and the headings. */
    public static final int HEADER_ROWS = 2;

    /** Column name (the CSV's) and its Chinese heading with the unit. */
    record Column(String name, String heading) {
    }

    static final List<Column> COLUMNS = List.of(new Column("uscc", "统一社会信用代码"), new Column("name", "单位名称"),
            new Column("province", "省份（行政区划代码）"), new Column("sold_t", "卖出量（吨）"),
            new Column("bought_t", "买入量（吨）"), new Column("net_sales_t", "净卖出量（吨）"),
            new Column("base_t", "基础结转量（吨）"), new Column("net_sales_multiplier", "净卖出量倍数"),
            new Column("cap_t", "结转上限（吨）"), new Column("holdings_t", "持有量（吨）"),
            new Column("carryable_t", "可结转量（吨）"), new Column("excess_t", "超出上限量（吨）"),
            new Column("flagged", "是否超出上限"));

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private CarryOverCapWorkbook() {
    }

    public static List<String> columns() {
        return COLUMNS.stream().map(Column::name).toList();
    }

    /** The heading of a column: Chinese with its unit, a line break, the machine name of the CSV and the JSON. */
    static String heading(Column c) {
        return c.heading() + "\n" + c.name();
    }

    /** {@code title} e.g. 配额结转上限（2024，截至 2025-12-31）; rows in {@link #columns()} order. */
    public static void write(String title, List<List<Object>> rows, OutputStream out) throws IOException {
        SXSSFWorkbook book = new SXSSFWorkbook(200);
        try {
            SXSSFSheet sheet = book.createSheet(SHEET);
            Font big = book.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            CellStyle titleStyle = book.createCellStyle();
            titleStyle.setFont(big);
            titleStyle.setAlignment(HorizontalAlignment.CENTER);
            Font bold = book.createFont();
            bold.setBold(true);
            CellStyle headingStyle = book.createCellStyle();
            headingStyle.setFont(bold);
            headingStyle.setWrapText(true);
            headingStyle.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            headingStyle.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            CellStyle integer = book.createCellStyle();
            integer.setDataFormat(book.createDataFormat().getFormat("#,##0"));
            CellStyle decimal = book.createCellStyle();
            decimal.setDataFormat(book.createDataFormat().getFormat("0.00##"));

            Row titleRow = sheet.createRow(0);
            Cell titleCell = titleRow.createCell(0);
            titleCell.setCellValue(title);
            titleCell.setCellStyle(titleStyle);
            titleRow.setHeightInPoints(24);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, COLUMNS.size() - 1));
            Row header = sheet.createRow(1);
            header.setHeightInPoints(32);
            for (int i = 0; i < COLUMNS.size(); i++) {
                Cell cell = header.createCell(i);
                cell.setCellValue(heading(COLUMNS.get(i)));
                cell.setCellStyle(headingStyle);
                sheet.setColumnWidth(i, Math.max(12, COLUMNS.get(i).heading().length() * 2 + 2) * 256);
            }
            int r = HEADER_ROWS;
            for (List<Object> row : rows) {
                Row x = sheet.createRow(r++);
                for (int i = 0; i < row.size(); i++) {
                    Object v = row.get(i);
                    if (v == null) {
                        continue;
                    }
                    Cell cell = x.createCell(i);
                    if (v instanceof BigDecimal d) {
                        cell.setCellValue(d.doubleValue());
                        cell.setCellStyle(decimal);
                    } else if (v instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                        cell.setCellStyle(integer);
                    } else if (v instanceof Boolean b) {
                        cell.setCellValue(b ? "是" : "否");
                    } else {
                        cell.setCellValue(text(v.toString()));
                    }
                }
            }
            sheet.createFreezePane(0, HEADER_ROWS);
            book.write(out);
        } finally {
            book.close();
        }
    }

    /** As the platform's CSV writer: text a spreadsheet would take for a formula starts with an apostrophe. */
    static String text(String s) {
        if (s.isEmpty() || PLAIN_NUMBER.matcher(s).matches()) {
            return s;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }
}

package cn.carbon.allocation.tables;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An official table as people open it in a spreadsheet: the sheet named by the table's official Chinese name, its
 * title in the first row, Chinese column headings with units in the second (frozen with the title), quantities with
 * thousands separators. The CSV keeps the machine header of the API contract; this is the form for reading.
 */
public final class OfficialWorkbook {

    /** Rows above the data: the title and the headings. */
    public static final int HEADER_ROWS = 2;

    private static final Map<String, String> HEADINGS = Map.ofEntries(
            Map.entry("province", "省份（行政区划代码）"), Map.entry("uscc", "统一社会信用代码"),
            Map.entry("name", "单位名称"), Map.entry("unit_id", "机组编号"), Map.entry("year", "年度"),
            Map.entry("category", "机组类别"), Map.entry("cooling", "冷却方式"),
            Map.entry("capacity_mw", "装机容量（MW）"), Map.entry("power_supply_mwh", "供电量（MWh）"),
            Map.entry("heat_supply_gj", "供热量（GJ）"), Map.entry("heat_ratio", "供热比"),
            Map.entry("load_factor", "负荷（出力）系数"), Map.entry("supply_benchmark", "供电基准值（tCO₂/MWh）"),
            Map.entry("heat_benchmark", "供热基准值（tCO₂/GJ）"), Map.entry("cooling_factor", "冷却方式修正系数"),
            Map.entry("heat_supply_factor", "供热量修正系数"), Map.entry("load_factor_correction", "负荷（出力）系数修正系数"),
            Map.entry("allowance_t", "核定配额（吨）"), Map.entry("pre_allocated_t", "预分配配额（吨）"),
            Map.entry("verified_emissions_t", "核查排放量（吨）"), Map.entry("rulebook_id", "规则编号"),
            Map.entry("rulebook_version", "规则版本"), Map.entry("issuance", "发放方式"), Map.entry("status", "状态"),
            Map.entry("destination", "发放账户"), Map.entry("special_notes", "需特殊说明的事项"),
            Map.entry("reasons", "履约风险原因"), Map.entry("special_note", "特殊说明"),
            Map.entry("obligation", "清缴义务"), Map.entry("may_borrow", "可否预支"),
            Map.entry("status_changed_at", "状态变更时间"), Map.entry("status_changed_by", "状态变更人"),
            Map.entry("why", "变更理由"), Map.entry("open_years", "未完成清缴的年度"), Map.entry("kind", "类型"),
            Map.entry("compliance_year", "履约年度"), Map.entry("vintage", "配额年份"),
            Map.entry("quantity_t", "数量（吨）"), Map.entry("state", "处理状态"), Map.entry("reference", "依据"),
            Map.entry("recorded_at", "记录时间"), Map.entry("state_changed_at", "处理状态变更时间"),
            Map.entry("state_reason", "处理说明"), Map.entry("power_generation_mwh", "发电量（MWh）"),
            Map.entry("output_basis", "基准值口径"), Map.entry("provisional_values", "暂定值（待两名登记机构人员确认）"),
            Map.entry("product_output_t", "产品产量（吨）"), Map.entry("intensity_benchmark", "碳排放强度基准值（tCO₂/t）"),
            Map.entry("balance_coefficient", "行业平衡系数"));
    /** Columns of one year: {@code pre_allocated_2021} → 2021年度预分配配额（吨）. */
    private static final Map<String, String> YEAR_HEADINGS = Map.of("pre_allocated_", "预分配配额（吨）",
            "verified_", "核定配额（吨）", "relief_", "纾困配额（吨）", "issued_", "实际发放配额（吨）",
            "obligation_", "清缴义务（吨）");
    private static final Pattern YEAR_COLUMN = Pattern.compile("([a-z_]+_)(\\d{4})");
    /** Whole numbers that are not quantities: no thousands separator. */
    private static final Set<String> PLAIN_NUMBERS = Set.of("year", "rulebook_version", "compliance_year", "vintage");

    private OfficialWorkbook() {
    }

    /** The Chinese heading (with its unit) of a machine column name; the name itself when none is known. */
    public static String heading(String column) {
        String known = HEADINGS.get(column);
        if (known != null) {
            return known;
        }
        Matcher m = YEAR_COLUMN.matcher(column);
        if (m.matches()) {
            if (m.group(1).equals("borrowed_")) {
                return "预支" + m.group(2) + "年度配额（吨）";
            }
            String unit = YEAR_HEADINGS.get(m.group(1));
            if (unit != null) {
                return m.group(2) + "年度" + unit;
            }
        }
        return column;
    }

    /** The official name of a table: its title up to the English gloss, e.g. 核定配额实际发放汇总表. */
    public static String sheetName(Table table) {
        String title = table.title();
        int gloss = title.indexOf(" (");
        return WorkbookUtil.createSafeSheetName(gloss > 0 ? title.substring(0, gloss) : table.name());
    }

    public static void write(Table table, OutputStream out) throws IOException {
        SXSSFWorkbook book = new SXSSFWorkbook(200);
        try {
            SXSSFSheet sheet = book.createSheet(sheetName(table));
            Styles styles = new Styles(book);
            int width = table.columns().size();
            Row title = sheet.createRow(0);
            Cell titleCell = title.createCell(0);
            titleCell.setCellValue(chineseTitle(table));
            titleCell.setCellStyle(styles.title);
            title.setHeightInPoints(24);
            if (width > 1) {
                sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, width - 1));
            }
            Row header = sheet.createRow(1);
            for (int i = 0; i < width; i++) {
                Cell cell = header.createCell(i);
                String heading = heading(table.columns().get(i));
                cell.setCellValue(heading);
                cell.setCellStyle(styles.heading);
                sheet.setColumnWidth(i, Math.min(60, Math.max(10, heading.length() * 2 + 2)) * 256);
            }
            int r = HEADER_ROWS;
            for (List<Object> all : table.rows()) {
                List<Object> row = table.fileCells(all);
                Row x = sheet.createRow(r++);
                for (int i = 0; i < row.size(); i++) {
                    Object v = row.get(i);
                    if (v == null) {
                        continue;
                    }
                    Cell cell = x.createCell(i);
                    if (v instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                        cell.setCellStyle(styles.number(table.columns().get(i), n));
                    } else if (v instanceof Boolean b) {
                        cell.setCellValue(b ? "是" : "否");
                    } else {
                        cell.setCellValue(v.toString());
                    }
                }
            }
            sheet.createFreezePane(0, HEADER_ROWS);
            book.write(out);
        } finally {
            book.close();
        }
    }

    /** 核定配额实际发放汇总表 (issuance summary) 2021-2022 → 核定配额实际发放汇总表（2021-2022）. */
    static String chineseTitle(Table table) {
        String title = table.title();
        int gloss = title.indexOf(" (");
        int end = title.indexOf(") ", gloss);
        if (gloss > 0 && end > gloss) {
            return title.substring(0, gloss) + "（" + title.substring(end + 2).strip() + "）";
        }
        return title;
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle heading;
        final CellStyle integer;
        final CellStyle decimal;
        final CellStyle plain;

        Styles(SXSSFWorkbook book) {
            DataFormat format = book.createDataFormat();
            Font bold = book.createFont();
            bold.setBold(true);
            Font big = book.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            title = book.createCellStyle();
            title.setFont(big);
            title.setAlignment(HorizontalAlignment.CENTER);
            heading = book.createCellStyle();
            heading.setFont(bold);
            heading.setWrapText(true);
            heading.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            heading.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            integer = book.createCellStyle();
            integer.setDataFormat(format.getFormat("#,##0"));
            decimal = book.createCellStyle();
            decimal.setDataFormat(format.getFormat("#,##0.0000"));
            plain = book.createCellStyle();
            plain.setDataFormat(format.getFormat("0"));
        }

        CellStyle number(String column, Number n) {
            if (PLAIN_NUMBERS.contains(column)) {
                return plain;
            }
            boolean fraction = n instanceof BigDecimal d ? d.stripTrailingZeros().scale() > 0
                    : (n instanceof Double || n instanceof Float) && n.doubleValue() != Math.rint(n.doubleValue());
            return fraction || column.endsWith("_factor") || column.endsWith("_benchmark") || column.endsWith("_ratio")
                    || column.equals("load_factor_correction") ? decimal : integer;
        }
    }
}

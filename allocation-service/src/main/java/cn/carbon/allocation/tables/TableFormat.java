package cn.carbon.allocation.tables;

import cn.carbon.platform.export.CsvWriter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The file forms of a {@link Table}: CSV (RFC 4180, UTF-8) and XLSX (Office Open XML, streamed). */
public enum TableFormat {
    JSON("application/json", "json"),
    CSV("text/csv", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    private final String mediaType;
    private final String extension;

    TableFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The first acceptable of the client's media types (in its order of preference); JSON when none matches. */
    public static TableFormat negotiate(List<String> accepted) {
        for (String a : accepted) {
            String type = a.toLowerCase();
            for (TableFormat f : values()) {
                if (type.startsWith(f.mediaType)) {
                    return f;
                }
            }
        }
        return JSON;
    }

    /** Through the platform's CSV writer: a province's text never reaches a spreadsheet as a formula. */
    public static void writeCsv(Table table, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CsvWriter csv = new CsvWriter(w);
        csv.row(List.copyOf(table.columns()));
        for (List<Object> row : table.rows()) {
            csv.row(table.fileCells(row));
        }
        w.flush();
    }

    public static void writeXlsx(Table table, OutputStream out) throws IOException {
        SXSSFWorkbook book = new SXSSFWorkbook(200);
        try {
            Sheet sheet = book.createSheet(table.name());
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row header = sheet.createRow(0);
            for (int i = 0; i < table.columns().size(); i++) {
                Cell cell = header.createCell(i);
                cell.setCellValue(table.columns().get(i));
                cell.setCellStyle(bold);
            }
            int r = 1;
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
                    } else if (v instanceof Boolean b) {
                        cell.setCellValue(b);
                    } else {
                        cell.setCellValue(v.toString());
                    }
                }
            }
            sheet.createFreezePane(0, 1);
            book.write(out);
        } finally {
            book.close();
        }
    }
}

package cn.carbon.allocation.tables;


import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The file forms of a {@link Table}: CSV (RFC 4180, UTF-8, the machine header) and XLSX (for people, streamed). */
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

    public static void writeCsv(Table table, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        line(w, List.copyOf(table.columns()));
        for (List<Object> row : table.rows()) {
            line(w, table.fileCells(row));
        }
        w.flush();
    }

    private static void line(Writer w, List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(csvCell(cells.get(i)));
        }
        w.write("\r\n");
    }

    static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** The spreadsheet people read: Chinese sheet name, title and headings, number formats ({@link OfficialWorkbook}). */
    public static void writeXlsx(Table table, OutputStream out) throws IOException {
        OfficialWorkbook.write(table, out);
    }
}

package cn.carbon.allocation.tables;

import cn.carbon.platform.export.CsvWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
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

    /** The spreadsheet people read: Chinese sheet name, title and headings, number formats ({@link OfficialWorkbook}). */
    public static void writeXlsx(Table table, OutputStream out) throws IOException {
        OfficialWorkbook.write(table, out);
    }
}

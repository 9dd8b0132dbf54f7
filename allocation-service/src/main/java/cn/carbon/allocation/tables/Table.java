package cn.carbon.allocation.tables;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An official table: its name (file name stem), title, columns and rows, independent of the format it is sent in
 * (JSON, CSV, XLSX). Cells are String, Number, Boolean or null. {@code extraColumns} follow the columns in every row
 * but only the JSON form shows them: the files keep the official column set of API.md.
 */
public record Table(String name, String title, List<String> columns, List<List<Object>> rows,
                    List<String> extraColumns) {

    public Table(String name, String title, List<String> columns, List<List<Object>> rows) {
        this(name, title, columns, rows, List.of());
    }

    /** The row as column → value, in column order, the extra columns last (the JSON form). */
    public Map<String, Object> asMap(List<Object> row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            m.put(columns.get(i), row.get(i));
        }
        for (int i = 0; i < extraColumns.size(); i++) {
            m.put(extraColumns.get(i), row.get(columns.size() + i));
        }
        return m;
    }

    /** The cells of the file forms (CSV, XLSX): the official columns only. */
    public List<Object> fileCells(List<Object> row) {
        return row.subList(0, columns.size());
    }
}

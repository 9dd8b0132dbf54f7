package cn.carbon.allocation.tables;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An official table: its name (file name stem), title, columns and rows, independent of the format it is sent in
 * (JSON, CSV, XLSX). Cells are String, Number, Boolean or null.
 */
public record Table(String name, String title, List<String> columns, List<List<Object>> rows) {

    /** The row as column → value, in column order (the JSON form). */
    public Map<String, Object> asMap(List<Object> row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            m.put(columns.get(i), row.get(i));
        }
        return m;
    }
}

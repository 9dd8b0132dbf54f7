package cn.carbon.platform.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one CSV writer of every export (RFC 4180, UTF-8). Officers open exports in spreadsheets, and text a province
 * wrote (names, notes, reasons) must not run there as a formula: a text cell starting with {@code = + - @}, tab or
 * carriage return is written with a leading apostrophe (OWASP's advice). Numbers, and text that is a plain number,
 * stay numbers.
 */
public final class CsvWriter {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final Appendable out;
    private final String lineEnd;

    /** Lines end with CRLF, as RFC 4180 says. */
    public CsvWriter(Appendable out) {
        this(out, "\r\n");
    }

    public CsvWriter(Appendable out, String lineEnd) {
        this.out = out;
        this.lineEnd = lineEnd;
    }

    public CsvWriter row(List<?> cells) {
        try {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(cell(cells.get(i)));
            }
            out.append(lineEnd);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One cell: numbers as plain decimals, text neutralised when a spreadsheet would read a formula, then quoted. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String s = value.toString();
        if (startsLikeFormula(s) && !PLAIN_NUMBER.matcher(s).matches()) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || s.indexOf('\t') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    static boolean startsLikeFormula(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}

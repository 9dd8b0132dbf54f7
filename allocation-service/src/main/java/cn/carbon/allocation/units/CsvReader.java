package cn.carbon.allocation.units;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV record by record from a stream (never the whole body at once): comma-separated, fields may be
 * quoted with {@code "} (a doubled {@code ""} inside is one quote), records end with LF or CRLF.
 */
final class CsvReader {

    private final Reader in;
    private int peeked = -2;
    private int line = 1;

    CsvReader(Reader in) {
        this.in = in;
    }

    /** The line the next record starts on. */
    int line() {
        return line;
    }

    /** The next record's fields, or null at the end of the input. A blank line is an empty list. */
    List<String> next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new IOException("line " + line + ": a quoted field is not closed");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\r' || c == '\n' || c == -1) {
                if (c == '\r') {
                    int n = read();
                    if (n != '\n') {
                        unread(n);
                    }
                }
                if (c != -1) {
                    line++;
                }
                if (any || field.length() > 0) {
                    fields.add(field.toString());
                }
                return fields;
            } else {
                field.append((char) c);
                any = true;
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        peeked = c;
    }
}

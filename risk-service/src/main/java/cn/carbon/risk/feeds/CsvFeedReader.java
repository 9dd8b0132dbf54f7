package cn.carbon.risk.feeds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** {@code text/csv}: the header {@value FeedReader#HEADER}, then one row per line (blank lines ignored). */
public final class CsvFeedReader implements FeedReader {

    private final BufferedReader lines;
    private int rowNo;
    private boolean headerRead;

    public CsvFeedReader(InputStream in) {
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
    }

    /** Reads and checks the header; a wrong one rejects the feed before any row. */
    private void header() throws IOException {
        headerRead = true;
        String first = lines.readLine();
        while (first != null && first.isBlank()) {
            first = lines.readLine();
        }
        if (first == null) {
            throw FeedProblems.header(null);
        }
        if (first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        if (!first.strip().equals(HEADER)) {
            throw FeedProblems.header(first);
        }
    }

    @Override
    public FeedRow next() throws IOException {
        if (!headerRead) {
            header();
        }
        String line;
        do {
            line = lines.readLine();
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        rowNo++;
        String[] cells = line.split(",", -1);
        if (cells.length != 5) {
            return FeedRow.malformed(rowNo, "expected 5 columns (" + HEADER + "), found " + cells.length);
        }
        return new FeedRow(rowNo, cell(cells[0]), cell(cells[1]), cell(cells[2]), cell(cells[3]), cell(cells[4]), null);
    }

    private static String cell(String raw) {
        String s = raw.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }
}

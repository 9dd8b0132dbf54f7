package cn.carbon.risk.feeds;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Where valid rows go as they are read: PostgreSQL COPY (API uploads) or JDBC batches (rows assembled from Kafka). */
interface RowSink extends AutoCloseable {

    void add(String feedId, FeedRowValidator.ValidRow row) throws SQLException;

    /** Writes what is buffered; the rows are then visible to the feed's checks. */
    void finish() throws SQLException;

    @Override
    void close() throws SQLException;

    /** COPY … FROM STDIN in text format, fed in 64 KiB chunks. */
    final class Copy implements RowSink {
        private static final int CHUNK = 64 * 1024;
        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(CHUNK + 256);
        private boolean finished;

        Copy(Connection connection) throws SQLException {
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy net_purchase_row (feed_id, row_no, uscc, week_start, week_end, bought_t, sold_t) from stdin");
        }

        @Override
        public void add(String feedId, FeedRowValidator.ValidRow r) throws SQLException {
            escape(feedId);
            buffer.append('\t').append(r.rowNo()).append('\t').append(r.uscc()).append('\t').append(r.weekStart())
                    .append('\t').append(r.weekEnd()).append('\t').append(r.boughtT()).append('\t').append(r.soldT())
                    .append('\n');
            if (buffer.length() >= CHUNK) {
                flush();
            }
        }

        private void escape(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> buffer.append("\\\\");
                    case '\t' -> buffer.append("\\t");
                    case '\n' -> buffer.append("\\n");
                    case '\r' -> buffer.append("\\r");
                    default -> buffer.append(c);
                }
            }
        }

        private void flush() throws SQLException {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }

        @Override
        public void finish() throws SQLException {
            flush();
            copy.endCopy();
            finished = true;
        }

        @Override
        public void close() throws SQLException {
            if (!finished && copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Batched INSERTs, 1,000 rows a round trip. */
    final class Batch implements RowSink {
        private static final int SIZE = 1000;
        private final PreparedStatement insert;
        private int pending;

        Batch(Connection connection) throws SQLException {
            this.insert = connection.prepareStatement("insert into net_purchase_row "
                    + "(feed_id, row_no, uscc, week_start, week_end, bought_t, sold_t) values (?, ?, ?, ?, ?, ?, ?)");
        }

        @Override
        public void add(String feedId, FeedRowValidator.ValidRow r) throws SQLException {
            insert.setString(1, feedId);
            insert.setInt(2, r.rowNo());
            insert.setString(3, r.uscc());
            insert.setDate(4, Date.valueOf(r.weekStart()));
            insert.setDate(5, Date.valueOf(r.weekEnd()));
            insert.setLong(6, r.boughtT());
            insert.setLong(7, r.soldT());
            insert.addBatch();
            if (++pending >= SIZE) {
                finish();
            }
        }

        @Override
        public void finish() throws SQLException {
            if (pending > 0) {
                insert.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            insert.close();
        }
    }
}

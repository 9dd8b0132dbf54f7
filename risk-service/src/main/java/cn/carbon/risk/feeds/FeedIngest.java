package cn.carbon.risk.feeds;

import io.quarkus.runtime.annotations.RegisterForReflection;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.risk.index.RecomputeQueue;
import cn.carbon.risk.index.RiskSettings;
import cn.carbon.risk.reports.ReportPublisher;
import cn.carbon.risk.rulebook.RiskCycles;
import cn.carbon.risk.rulebook.RiskRulebooks;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes in a feed, all rows or none, in the caller's transaction: rows are validated one by one as they are read and
 * written straight to the database (never collected in memory); then the whole feed is checked in SQL (unknown USCC,
 * a USCC twice in a week, weeks overlapping each other or a stored week). Any problem rejects the feed; otherwise each
 * of its weeks points at this feed as a new version (the replaced feed and its rows stay: history), the touched
 * entities are queued for recomputation, and final-month weeks are reported to the provinces. A row's week decides
 * its cycle: the one whose feed window holds it, and a week in a cycle's final month(s) is reported for that cycle.
 */
@ApplicationScoped
public class FeedIngest {

    public enum Source { API, KAFKA }

    private final DataSource dataSource;
    private final EntityManager em;
    private final RiskRulebooks rulebooks;
    private final RiskSettings settings;
    private final RecomputeQueue recompute;
    private final ReportPublisher reports;
    private final ObjectMapper json;

    public FeedIngest(DataSource dataSource, EntityManager em, RiskRulebooks rulebooks, RiskSettings settings,
                      RecomputeQueue recompute, ReportPublisher reports, ObjectMapper json) {
        this.dataSource = dataSource;
        this.em = em;
        this.rulebooks = rulebooks;
        this.settings = settings;
        this.recompute = recompute;
        this.reports = reports;
        this.json = json;
    }

    /**
     * @throws ProblemException 422 naming every problem (the caller's transaction must then roll back, or, for a Kafka
     *                          feed, {@link #reject} records the rejection)
     */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ProblemException.class)
    public FeedReceipt ingest(FeedReader reader, Source source, String feedId, String receivedBy, String idempotencyKey) {
        em.flush();
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement feed = c.prepareStatement("insert into net_purchase_feed (feed_id, source, received_by, "
                    + "received_at, row_count, status, idempotency_key) values (?, ?, ?, ?, 0, 'ACCEPTED', ?)")) {
                feed.setString(1, feedId);
                feed.setString(2, source.name());
                feed.setString(3, receivedBy);
                feed.setTimestamp(4, Timestamp.from(receivedAt));
                feed.setString(5, idempotencyKey);
                feed.executeUpdate();
            }
            FeedProblems problems = new FeedProblems(settings.feed().maxListedErrors());
            rulebooks.current(); // 409 no-rulebook before any cycle's rules arrived
            // each row's week decides its cycle (several are live at once since compliance became annual)
            RiskCycles cycles = rulebooks.cycles();
            FeedRowValidator validator = new FeedRowValidator(cycles);
            long rows = 0;
            try (RowSink sink = source == Source.API ? new RowSink.Copy(c) : new RowSink.Batch(c)) {
                for (FeedRow row = reader.next(); row != null; row = reader.next()) {
                    rows++;
                    FeedRowValidator.ValidRow valid = validator.validate(row, problems);
                    if (valid != null) {
                        sink.add(feedId, valid);
                    }
                }
                sink.finish();
            }
            if (rows == 0) {
                problems.add(null, "body", "the feed has no rows");
            }
            checkWholeFeed(c, feedId, problems);
            if (problems.any()) {
                throw problems.rejection(rows);
            }
            List<FeedReceipt.Week> weeks = takeWeeks(c, feedId);
            try (PreparedStatement done = c.prepareStatement("update net_purchase_feed set row_count = ? where feed_id = ?")) {
                done.setLong(1, rows);
                done.setString(2, feedId);
                done.executeUpdate();
            }
            int toRecompute = recompute.requestForFeed(feedId);
            List<ReportPublisher.Week> reporting = new ArrayList<>();
            for (FeedReceipt.Week w : weeks) {
                cycles.ofReportingWeek(w.weekStart(), w.weekEnd()).ifPresent(rb ->
                        reporting.add(new ReportPublisher.Week(w.weekStart(), w.weekEnd(), rb)));
            }
            int published = reports.publishForWeeks(reporting);
            return new FeedReceipt(feedId, source.name(), "ACCEPTED", rows, receivedAt, weeks, toRecompute, published);
        } catch (SQLException e) {
            throw new IllegalStateException("feed " + feedId + " could not be stored: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("feed " + feedId + " could not be read", e);
        }
    }

    /** Stores the answer of an accepted feed (replayed for a repeated Idempotency-Key) and its content hash. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(FeedReceipt receipt, String contentSha256) {
        em.createNativeQuery("update net_purchase_feed set content_sha256 = ?2, response = cast(?3 as jsonb) where feed_id = ?1")
                .setParameter(1, receipt.feedId()).setParameter(2, contentSha256).setParameter(3, write(receipt))
                .executeUpdate();
    }

    /** A Kafka feed that failed its checks: its rows go, the rejection and its problems stay (nothing applied). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reject(String feedId, String receivedBy, long rows, ProblemException problem) {
        em.createNativeQuery("delete from net_purchase_row where feed_id = ?1").setParameter(1, feedId).executeUpdate();
        String errors = write(new Rejection(problem.slug(), problem.getMessage(), problem.errors()));
        int updated = em.createNativeQuery("update net_purchase_feed set status = 'REJECTED', row_count = ?2, "
                        + "error_count = ?3, errors = cast(?4 as jsonb) where feed_id = ?1")
                .setParameter(1, feedId).setParameter(2, rows).setParameter(3, problem.errors().size())
                .setParameter(4, errors).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("insert into net_purchase_feed (feed_id, source, received_by, row_count, status, "
                            + "error_count, errors) values (?1, 'KAFKA', ?2, ?3, 'REJECTED', ?4, cast(?5 as jsonb))")
                    .setParameter(1, feedId).setParameter(2, receivedBy).setParameter(3, rows)
                    .setParameter(4, problem.errors().size()).setParameter(5, errors).executeUpdate();
        }
    }

    @RegisterForReflection // stored as JSON with the ObjectMapper and read back
    record Rejection(String type, String detail, Object errors) {
    }

    private void checkWholeFeed(Connection c, String feedId, FeedProblems problems) throws SQLException {
        try (PreparedStatement unknown = c.prepareStatement("""
                select r.row_no, r.uscc, count(*) over () from net_purchase_row r
                where r.feed_id = ? and not exists (select 1 from entity_directory e where e.uscc = r.uscc)
                order by r.row_no limit ?""")) {
            unknown.setString(1, feedId);
            unknown.setInt(2, Math.max(1, problems.room()));
            listed(unknown, problems, rs -> problems.add(rs.getInt(1), "uscc",
                    "unknown USCC " + rs.getString(2) + ": no such key emitting entity"));
        }
        try (PreparedStatement repeated = c.prepareStatement("""
                select row_no, uscc, first_row, week_start, week_end, count(*) over () from (
                    select row_no, uscc, week_start, week_end,
                           min(row_no) over (partition by uscc, week_start, week_end) as first_row
                    from net_purchase_row where feed_id = ?) x
                where row_no <> first_row order by row_no limit ?""")) {
            repeated.setString(1, feedId);
            repeated.setInt(2, Math.max(1, problems.room()));
            listed(repeated, problems, rs -> problems.add(rs.getInt(1), "uscc", "USCC " + rs.getString(2)
                    + " appears again for the week " + rs.getDate(4) + ".." + rs.getDate(5) + " (first in row "
                    + rs.getInt(3) + ")"));
        }
        String weeks = "select week_start, week_end, min(row_no) as first_row from net_purchase_row where feed_id = ? "
                + "group by week_start, week_end";
        try (PreparedStatement overlap = c.prepareStatement("with w as (" + weeks + ") "
                + "select a.first_row, a.week_start, a.week_end, b.week_start, b.week_end, b.first_row, count(*) over () "
                + "from w a join w b on a.first_row > b.first_row "
                + "and daterange(a.week_start, a.week_end, '[]') && daterange(b.week_start, b.week_end, '[]') "
                + "order by a.first_row limit ?")) {
            overlap.setString(1, feedId);
            overlap.setInt(2, Math.max(1, problems.room()));
            listed(overlap, problems, rs -> problems.add(rs.getInt(1), "week_start", "the week " + rs.getDate(2) + ".."
                    + rs.getDate(3) + " overlaps the week " + rs.getDate(4) + ".." + rs.getDate(5) + " of row "
                    + rs.getInt(6)));
        }
        try (PreparedStatement stored = c.prepareStatement("with w as (" + weeks + ") "
                + "select w.first_row, w.week_start, w.week_end, s.week_start, s.week_end, s.feed_id, count(*) over () "
                + "from w join net_purchase_week s on daterange(w.week_start, w.week_end, '[]') "
                + "&& daterange(s.week_start, s.week_end, '[]') "
                + "and (w.week_start <> s.week_start or w.week_end <> s.week_end) order by w.first_row limit ?")) {
            stored.setString(1, feedId);
            stored.setInt(2, Math.max(1, problems.room()));
            listed(stored, problems, rs -> problems.add(rs.getInt(1), "week_start", "the week " + rs.getDate(2) + ".."
                    + rs.getDate(3) + " overlaps the stored week " + rs.getDate(4) + ".." + rs.getDate(5)
                    + " (feed " + rs.getString(6) + "); re-send that exact week to replace it"));
        }
    }

    private interface RowAction {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Lists what fits, counts the rest (the last column of each query is the total). */
    private static void listed(PreparedStatement query, FeedProblems problems, RowAction add) throws SQLException {
        long total = 0;
        int shown = 0;
        boolean listing = problems.room() > 0;
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                total = rs.getLong(rs.getMetaData().getColumnCount());
                if (listing) {
                    add.accept(rs);
                    shown++;
                }
            }
        }
        problems.count(total - shown);
    }

    /** Each week of the feed becomes the current version of that week; the replaced feed stays as history. */
    private List<FeedReceipt.Week> takeWeeks(Connection c, String feedId) throws SQLException {
        List<FeedReceipt.Week> weeks = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("select week_start, week_end, count(*) from net_purchase_row "
                + "where feed_id = ? group by week_start, week_end order by week_start")) {
            q.setString(1, feedId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    weeks.add(new FeedReceipt.Week(rs.getDate(1).toLocalDate(), rs.getDate(2).toLocalDate(), 0, null,
                            rs.getLong(3)));
                }
            }
        }
        List<FeedReceipt.Week> taken = new ArrayList<>(weeks.size());
        for (FeedReceipt.Week w : weeks) {
            String replaced = null;
            int version = 1;
            try (PreparedStatement lock = c.prepareStatement(
                    "select feed_id, version from net_purchase_week where week_start = ? for update")) {
                lock.setDate(1, Date.valueOf(w.weekStart()));
                try (ResultSet rs = lock.executeQuery()) {
                    if (rs.next()) {
                        replaced = rs.getString(1);
                        version = rs.getInt(2) + 1;
                    }
                }
            }
            String upsert = replaced == null
                    ? "insert into net_purchase_week (feed_id, version, week_start, week_end) values (?, ?, ?, ?)"
                    : "update net_purchase_week set feed_id = ?, version = ?, updated_at = now() "
                    + "where week_start = ? and week_end = ?";
            try (PreparedStatement put = c.prepareStatement(upsert)) {
                put.setString(1, feedId);
                put.setInt(2, version);
                put.setDate(3, Date.valueOf(w.weekStart()));
                put.setDate(4, Date.valueOf(w.weekEnd()));
                put.executeUpdate();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState()) || "23P01".equals(e.getSQLState())) {
                    throw ProblemException.conflict("week-taken", "Week taken concurrently", "another feed for the week "
                            + w.weekStart() + ".." + w.weekEnd() + " was accepted at the same moment; send again");
                }
                throw e;
            }
            try (PreparedStatement history = c.prepareStatement("insert into net_purchase_week_version "
                    + "(week_start, week_end, version, feed_id, replaced_feed_id) values (?, ?, ?, ?, ?)")) {
                history.setDate(1, Date.valueOf(w.weekStart()));
                history.setDate(2, Date.valueOf(w.weekEnd()));
                history.setInt(3, version);
                history.setString(4, feedId);
                history.setString(5, replaced);
                history.executeUpdate();
            }
            taken.add(new FeedReceipt.Week(w.weekStart(), w.weekEnd(), version, replaced, w.rows()));
        }
        return taken;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

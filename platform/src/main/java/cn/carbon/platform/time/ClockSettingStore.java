package cn.carbon.platform.time;

import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The adjustable business clock's last setting, kept in the service's database (table {@code business_clock}) so
 * that a restart resumes from it. Plain JDBC in its own connection: a setting is not part of any command.
 */
final class ClockSettingStore {

    private static final Logger LOG = Logger.getLogger(ClockSettingStore.class);

    private final DataSource dataSource;

    ClockSettingStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The offset from the real time last set, if any (none before the table exists: a first start). */
    Optional<Duration> offset() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement exists = c.prepareStatement("select to_regclass('business_clock') is not null");
             ResultSet e = exists.executeQuery()) {
            if (!e.next() || !e.getBoolean(1)) {
                return Optional.empty();
            }
            try (PreparedStatement q = c.prepareStatement("select offset_ms from business_clock");
                 ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(Duration.ofMillis(r.getLong(1))) : Optional.empty();
            }
        } catch (SQLException ex) {
            LOG.warnf("the business clock's last setting could not be read, it starts from its configuration: %s",
                    ex.getMessage());
            return Optional.empty();
        }
    }

    void save(Duration offset, Instant setTo) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement("insert into business_clock (id, offset_ms, set_to, set_at) "
                     + "values (true, ?, ?, now()) on conflict (id) do update set offset_ms = excluded.offset_ms, "
                     + "set_to = excluded.set_to, set_at = excluded.set_at")) {
            u.setLong(1, offset.toMillis());
            u.setTimestamp(2, Timestamp.from(setTo));
            u.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("the business clock's setting could not be kept: " + ex.getMessage(), ex);
        }
    }
}

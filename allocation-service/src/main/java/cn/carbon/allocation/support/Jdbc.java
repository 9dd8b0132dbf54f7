package cn.carbon.allocation.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/**
 * Plain JDBC on the connection of the current transaction (the one Hibernate and the outbox use), for the bulk
 * tables of the allocation (unit data, unit allowances, entity-years, instructions): batched statements keep a
 * national run within seconds where one ORM round trip per row would not.
 */
@ApplicationScoped
public class Jdbc {

    private final EntityManager em;

    public Jdbc(EntityManager em) {
        this.em = em;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public <T> T work(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }

    /** Sets a nullable value with its SQL type. */
    public static void set(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof Instant i) {
            ps.setTimestamp(index, Timestamp.from(i));
        } else if (value instanceof BigDecimal d) {
            ps.setBigDecimal(index, d);
        } else if (value instanceof Enum<?> e) {
            ps.setString(index, e.name());
        } else {
            ps.setObject(index, value);
        }
    }

    /** Sets every parameter in order. */
    public static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            set(ps, i + 1, values[i]);
        }
    }

    public static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    public static Long nullableLong(java.sql.ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static Integer nullableInt(java.sql.ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    public static Boolean nullableBoolean(java.sql.ResultSet rs, String column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }
}

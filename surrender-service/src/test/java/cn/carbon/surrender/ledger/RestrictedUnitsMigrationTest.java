package cn.carbon.surrender.ledger;

import cn.carbon.testing.PostgresResource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V6 on a ledger posted under V2's rule (a database of its own, migrated as the owner, as in production): the lines
 * and balances of the then borrowed-only vintage 2023 become restricted units, the rest stay free, the balances'
 * key takes the flag, and afterwards the runtime role posts free 2023 units beside the borrowed ones.
 */
class RestrictedUnitsMigrationTest {

    static final String DATABASE = "surrender_v6_upgrade";
    static final String BORROWER = "91430000MA00000001";

    @Test
    void theBorrowedUnitsPostedBeforeBecomeRestrictedAndTheVintageIsFreeForNewIssues() throws SQLException {
        freshDatabase();
        migrate("5");
        long holding;
        try (Connection c = PostgresResource.asOwner(DATABASE); Statement s = c.createStatement()) {
            s.execute("insert into entity_directory (uscc, name, province_code, status) values ('" + BORROWER
                    + "', 'Borrower', '430000', 'OPERATING')");
            s.execute("insert into account (kind, uscc, province_code) values ('ENTITY_HOLDING', '" + BORROWER
                    + "', '430000')");
            holding = one(s, "select id from account where kind = 'ENTITY_HOLDING'");
            post(s, "issue", "ISSUE", "NATIONAL_ISSUANCE", holding, "2022", 500);
            post(s, "borrow", "BORROWING", "NATIONAL_ISSUANCE", holding, "2023", 300);
            post(s, "surrender", "SURRENDER", holding, "SURRENDER", "2023", 100);
        }
        migrate(null);
        try (Connection c = DriverManager.getConnection(PostgresResource.jdbcUrl(DATABASE), PostgresResource.RUNTIME,
                PostgresResource.RUNTIME); Statement s = c.createStatement()) {
            assertThat(rows(s, "select vintage || ':' || restricted || '=' || quantity_t from ledger_line "
                    + "order by transaction_id")).containsExactly("2022:false=500", "2023:true=300", "2023:true=100");
            assertThat(rows(s, "select vintage || ':' || restricted || '=' || balance_t from balance order by vintage"))
                    .containsExactly("2022:false=500", "2023:true=200");
            // the 2023 allocation's free units now go in beside the borrowed ones, as the runtime role
            post(s, "issue-2023", "ISSUE", "NATIONAL_ISSUANCE", holding, "2023", 40);
            assertThat(rows(s, "select vintage || ':' || restricted || '=' || balance_t from balance "
                    + "order by vintage, restricted")).containsExactly("2022:false=500", "2023:false=40", "2023:true=200");
        }
    }

    /** A transaction of one line, as V2 knew lines (V6's flag defaults to free units); an account id or a kind. */
    private static void post(Statement s, String reference, String kind, Object from, Object to, String vintage, long q)
            throws SQLException {
        long tx = one(s, "insert into ledger_transaction (reference, fingerprint, kind, uscc, posted_at, posted_by, "
                + "event_id) values ('" + reference + "', 'x', '" + kind + "', '" + BORROWER + "', now(), 'test', "
                + "gen_random_uuid()) returning id");
        s.execute("insert into ledger_line (transaction_id, line_no, from_account_id, to_account_id, vintage, quantity_t) "
                + "values (" + tx + ", 1, " + account(from) + ", " + account(to) + ", '" + vintage + "', " + q + ")");
    }

    private static String account(Object ref) {
        return ref instanceof Long id ? String.valueOf(id)
                : "(select id from account where kind = '" + ref + "' and uscc is null)";
    }

    private static void migrate(String target) {
        var config = Flyway.configure()
                .dataSource(PostgresResource.jdbcUrl(DATABASE), PostgresResource.OWNER, PostgresResource.OWNER)
                .locations("classpath:db/platform", "classpath:db/migration").outOfOrder(true)
                .placeholders(Map.of("runtime_role", PostgresResource.RUNTIME,
                        "append_only_tables", "audit_entry,ledger_transaction,ledger_line"));
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }

    private static void freshDatabase() throws SQLException {
        new PostgresResource().start(); // the cluster and its two roles
        try (Connection c = PostgresResource.asSuperuser("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DATABASE);
            s.execute("create database " + DATABASE + " owner " + PostgresResource.OWNER);
        }
    }

    private static long one(Statement s, String sql) throws SQLException {
        try (var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}

package cn.carbon.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL (embedded binaries, started once per test JVM) with one database per service, named by the
 * {@code database} argument. As in production, the migrations run as the database's owner ({@link #OWNER}) and the
 * service as the runtime role ({@link #RUNTIME}), which may not update or delete the append-only tables.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String OWNER = "carbon";
    public static final String RUNTIME = "carbon_runtime";

    private static EmbeddedPostgres server;
    private String database = "carbon";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        EmbeddedPostgres pg = server();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String role : new String[] {OWNER, RUNTIME}) {
                if (!s.executeQuery("select 1 from pg_roles where rolname = '" + role + "'").next()) {
                    s.execute("create role " + role + " login password '" + role + "'");
                }
            }
            if (!s.executeQuery("select 1 from pg_database where datname = '" + database + "'").next()) {
                s.execute("create database \"" + database + "\" owner " + OWNER);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(database),
                "quarkus.datasource.username", RUNTIME,
                "quarkus.datasource.password", RUNTIME,
                "quarkus.flyway.username", OWNER,
                "quarkus.flyway.password", OWNER);
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("fsync", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return server;
    }

    /** The database as its owner would reach it: the migrations' role, or an operator holding its password. */
    public static Connection asOwner(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), OWNER, OWNER);
    }

    /** The cluster's superuser, for a test that switches the triggers off to break an invariant on purpose. */
    public static Connection asSuperuser(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "postgres");
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
    }

    @Override
    public void stop() {
        // kept for the JVM's other test classes; closed by the shutdown hook
    }
}

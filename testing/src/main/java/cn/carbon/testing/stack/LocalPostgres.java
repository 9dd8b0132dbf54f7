package cn.carbon.testing.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack's PostgreSQL (./carbon up): the embedded binaries on a fixed port with data kept in a folder of the
 * checkout, one database per service owned by the role {@code carbon}, which runs the migrations; the services
 * connect as {@code carbon_runtime}, which the migrations allow no UPDATE or DELETE of the append-only tables. Runs until stopped; stops PostgreSQL on the way
 * out.
 *
 * <p>Arguments: data directory, port, database names…
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LocalPostgres DATA_DIR PORT DATABASE...");
            System.exit(2);
        }
        File data = new File(args[0]);
        data.mkdirs();
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(Integer.parseInt(args[1]))
                .setServerConfig("max_connections", "300")
                // time per statement across the stack's databases: ./carbon db-top, and the bench after its season
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }));
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            for (String role : new String[] {"carbon", "carbon_runtime"}) {
                try (ResultSet r = s.executeQuery("select 1 from pg_roles where rolname = '" + role + "'")) {
                    if (!r.next()) {
                        s.execute("create role " + role + " login password '" + role + "'");
                    }
                }
            }
            for (int i = 2; i < args.length; i++) {
                try (ResultSet r = s.executeQuery("select 1 from pg_database where datname = '" + args[i] + "'")) {
                    if (!r.next()) {
                        s.execute("create database \"" + args[i] + "\" owner carbon");
                    }
                }
            }
        }
        System.out.println("PostgreSQL ready on port " + pg.getPort() + " with data in " + data.getAbsolutePath());
        new CountDownLatch(1).await();
    }
}

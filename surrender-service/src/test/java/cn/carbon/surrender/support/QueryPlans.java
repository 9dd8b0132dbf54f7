package cn.carbon.surrender.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.regex.Matcher;

/** The plan PostgreSQL makes for a statement, with sequential scans priced out: only a missing index leaves one. */
public final class QueryPlans {

    private QueryPlans() {
    }

    /** {@code sql} with each {@code ?} replaced, in order, by one of {@code literals}. */
    public static String explain(EntityManager em, String sql, String... literals) {
        String statement = sql;
        for (String literal : literals) {
            statement = statement.replaceFirst("\\?", Matcher.quoteReplacement(literal));
        }
        if (statement.contains("?")) {
            throw new IllegalArgumentException("fewer literals than parameters in " + sql);
        }
        String query = statement;
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("set local enable_seqscan = off").executeUpdate();
            @SuppressWarnings("unchecked")
            List<String> lines = em.createNativeQuery("explain " + query).getResultList();
            return String.join("\n", lines);
        });
    }
}

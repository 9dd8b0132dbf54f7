package cn.carbon.allocation.jobs;

import cn.carbon.allocation.support.Jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** A run in a list: its progress and how many errors it has; the errors themselves are on {@code GET /jobs/{id}}. */
public record JobSummary(UUID id, JobKind kind, String cycle, String provinceCode, String status, String rulebookId,
                         int rulebookVersion, int total, int done, double progress, int failed, int errorCount,
                         String requestedBy, Instant requestedAt, Instant startedAt, Instant finishedAt) {

    static JobSummary of(ResultSet rs) throws SQLException {
        int total = rs.getInt("total");
        int done = rs.getInt("done");
        String status = rs.getString("status");
        return new JobSummary((UUID) rs.getObject("id"), JobKind.valueOf(rs.getString("kind")), rs.getString("cycle"),
                rs.getString("province_code"), status, rs.getString("rulebook_id"), rs.getInt("rulebook_version"),
                total, done, Job.progress(status, total, done), rs.getInt("failed"), rs.getInt("error_count"), rs.getString("requested_by"),
                Jdbc.instant(rs.getTimestamp("requested_at")), Jdbc.instant(rs.getTimestamp("started_at")),
                Jdbc.instant(rs.getTimestamp("finished_at")));
    }
}

package cn.carbon.allocation.jobs;

import cn.carbon.allocation.issuance.AllocationRuns;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.allocation.rulebook.Rulebooks;
import cn.carbon.allocation.support.Jdbc;
import cn.carbon.platform.metrics.JobDurations;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pre-allocation and verification runs as jobs: queued in the request's transaction, started after it commits, run
 * one job at a time, in chunks of entities (each chunk one transaction with its events and its progress;
 * {@code carbon.allocation.parallel-chunks} chunks at once, so that computing one overlaps writing another), readable
 * at {@code GET /jobs/{id}} while they run. A job computes with the rulebook version current when it was queued. Runs
 * are idempotent, so a job interrupted by a restart is marked FAILED and simply run again.
 */
@ApplicationScoped
public class AllocationJobs {

    private static final Logger LOG = Logger.getLogger(AllocationJobs.class);
    private static final int MAX_LISTED_ERRORS = 100;

    private final Jdbc jdbc;
    private final AllocationRuns runs;
    private final Rulebooks rulebooks;
    private final ObjectMapper json;
    private final Event<Queued> queued;
    private final int chunkSize;
    private final ExecutorService chunks;
    private final JobDurations durations;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "allocation-jobs");
        t.setDaemon(true);
        return t;
    });

    public AllocationJobs(Jdbc jdbc, AllocationRuns runs, Rulebooks rulebooks, ObjectMapper json, Event<Queued> queued,
                          JobDurations durations,
                          @ConfigProperty(name = "carbon.allocation.chunk-size", defaultValue = "250") int chunkSize,
                          @ConfigProperty(name = "carbon.allocation.parallel-chunks", defaultValue = "2") int parallel) {
        this.chunks = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, "allocation-chunks");
            t.setDaemon(true);
            return t;
        });
        this.jdbc = jdbc;
        this.runs = runs;
        this.rulebooks = rulebooks;
        this.json = json;
        this.queued = queued;
        this.chunkSize = chunkSize;
        this.durations = durations;
        for (JobKind kind : JobKind.values()) {
            durations.declare(jobName(kind), "completed", "failed");
        }
    }

    private static String jobName(JobKind kind) {
        return "allocation-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Fired in the request's transaction; the job starts once it committed. */
    public record Queued(UUID id) {
    }

    /** Queues a job in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Job queue(JobKind kind, Rulebook rb, String provinceCode, String requestedBy) {
        UUID id = UUID.randomUUID();
        jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into allocation_job (id, kind, cycle, province_code, status, rulebook_id, rulebook_version,
                    requested_by, requested_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                Jdbc.bind(ps, id, kind, rb.cycle(), provinceCode, Job.QUEUED, rb.id(), rb.version(), requestedBy,
                        Instant.now());
                ps.executeUpdate();
            }
            return null;
        });
        queued.fire(new Queued(id));
        return find(id).orElseThrow();
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Queued job) {
        worker.submit(() -> run(job.id()));
    }

    @Transactional
    public Optional<Job> find(UUID id) {
        return jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement("select * from allocation_job where id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(job(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * The runs of a cycle (or of every cycle), newest first; {@code provinceCode} null lists all of them, else only
     * the runs limited to that province. Without the errors: {@link #find} has them.
     */
    @Transactional
    public cn.carbon.platform.web.Page<JobSummary> list(String cycle, String provinceCode, int page, int size) {
        return jdbc.work(c -> {
            String where = " where (cast(? as text) is null or cycle = ?) and (cast(? as text) is null or province_code = ?)";
            List<JobSummary> items = new ArrayList<>();
            long total;
            try (PreparedStatement ps = c.prepareStatement("select *, jsonb_array_length(errors) as error_count "
                    + "from allocation_job" + where + " order by requested_at desc, id limit ? offset ?")) {
                int i = filters(ps, cycle, provinceCode);
                ps.setInt(i++, size);
                ps.setLong(i, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(JobSummary.of(rs));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select count(*) from allocation_job" + where)) {
                filters(ps, cycle, provinceCode);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            return new cn.carbon.platform.web.Page<>(items, page, size, total);
        });
    }

    private static int filters(PreparedStatement ps, String cycle, String provinceCode) throws SQLException {
        ps.setString(1, cycle);
        ps.setString(2, cycle);
        ps.setString(3, provinceCode);
        ps.setString(4, provinceCode);
        return 5;
    }

    void run(UUID id) {
        long started = System.nanoTime();
        String outcome = "failed";
        JobKind kind = null;
        try {
            Job job = find(id).orElseThrow();
            kind = job.kind();
            Rulebook rb = rulebooks.find(job.cycle(), job.rulebookVersion()).orElseThrow();
            List<String> entities = QuarkusTransaction.requiringNew().call(() -> start(job));
            List<Future<?>> running = new ArrayList<>();
            for (int from = 0; from < entities.size(); from += chunkSize) {
                List<String> chunk = entities.subList(from, Math.min(entities.size(), from + chunkSize));
                running.add(chunks.submit(() -> chunk(job, rb, chunk)));
            }
            for (Future<?> f : running) {
                f.get();
            }
            QuarkusTransaction.requiringNew().run(() -> finish(id, null));
            outcome = "completed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            QuarkusTransaction.requiringNew().run(() -> finish(id, "interrupted"));
        } catch (ExecutionException e) {
            LOG.errorf(e, "job %s failed", id);
            QuarkusTransaction.requiringNew().run(() -> finish(id, String.valueOf(e.getCause())));
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s failed", id);
            QuarkusTransaction.requiringNew().run(() -> finish(id, e.getMessage() == null ? e.toString() : e.getMessage()));
        } finally {
            if (kind != null) {
                durations.record(jobName(kind), outcome, java.time.Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }

    /** One chunk in its own transaction; a failed chunk is recorded against its entities and the run goes on. */
    private void chunk(Job job, Rulebook rb, List<String> chunk) {
        UUID id = job.id();
        try {
            if (job.kind() == JobKind.PRE_ALLOCATION) {
                runs.preAllocate(id, rb, chunk, job.requestedBy(), (c, o) -> progress(c, id, o));
            } else {
                runs.verify(id, rb, chunk, job.requestedBy(), (c, o) -> progress(c, id, o));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s: a chunk of %d entities failed", id, chunk.size());
            List<AllocationRuns.EntityError> errors = chunk.stream()
                    .map(u -> new AllocationRuns.EntityError(u, "not computed: " + e.getMessage())).toList();
            QuarkusTransaction.requiringNew().run(() -> jdbc.work(c -> {
                progress(c, id, new AllocationRuns.Outcome(0, chunk.size(), 0, 0, 0, 0, errors));
                return null;
            }));
        }
    }

    /** Marks the job running and returns the entities it covers: those with unit data for the run in scope. */
    private List<String> start(Job job) {
        return jdbc.work(c -> {
            List<String> usccs = new ArrayList<>();
            Rulebook rb = rulebooks.find(job.cycle(), job.rulebookVersion()).orElseThrow();
            // a verification also covers entities pre-allocated without verified data (listed, never skipped silently)
            try (PreparedStatement ps = c.prepareStatement("""
                    select u.uscc from (
                        select uscc from unit_year_data where cycle = ? and (cast(? as int) is null or year = ?)
                        union
                        select uscc from entity_year_allocation where cycle = ? and ? and pre_rulebook_id is not null
                    ) u join key_emitting_entity e on e.uscc = u.uscc
                    where (cast(? as text) is null or e.province_code = ?)
                    order by u.uscc""")) {
                Integer year = job.kind() == JobKind.PRE_ALLOCATION ? rb.preAllocation().baseYear().value() : null;
                Jdbc.bind(ps, job.cycle(), year, year, job.cycle(), job.kind() == JobKind.VERIFICATION,
                        job.provinceCode(), job.provinceCode());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        usccs.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "update allocation_job set status = ?, total = ?, started_at = ? where id = ?")) {
                Jdbc.bind(ps, Job.RUNNING, usccs.size(), Instant.now(), job.id());
                ps.executeUpdate();
            }
            return usccs;
        });
    }

    private void progress(Connection c, UUID id, AllocationRuns.Outcome o) throws SQLException {
        List<AllocationRuns.EntityError> listed = o.errors().size() > MAX_LISTED_ERRORS
                ? o.errors().subList(0, MAX_LISTED_ERRORS) : o.errors();
        try (PreparedStatement ps = c.prepareStatement("""
                update allocation_job set done = done + ?, failed = failed + ?, skipped_years = skipped_years + ?,
                units_computed = units_computed + ?, instructions = instructions + ?, obligations = obligations + ?,
                errors = case when jsonb_array_length(errors) >= ? then errors else errors || cast(? as jsonb) end
                where id = ?""")) {
            Jdbc.bind(ps, o.done() + o.failed(), o.failed(), o.skippedYears(), o.units(), o.instructions(),
                    o.obligations(), MAX_LISTED_ERRORS, write(listed), id);
            ps.executeUpdate();
        }
    }

    private void finish(UUID id, String failure) {
        jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update allocation_job set finished_at = ?, message = ?,
                    status = case when ? then 'FAILED'
                             when failed > 0 or jsonb_array_length(errors) > 0 then 'COMPLETED_WITH_ERRORS'
                             else 'SUCCEEDED' end
                    where id = ?""")) {
                Jdbc.bind(ps, Instant.now(), failure, failure != null, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Jobs a previous process left unfinished are failed; being idempotent, they are simply run again. */
    void onStart(@Observes StartupEvent start) {
        QuarkusTransaction.requiringNew().run(() -> jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update allocation_job set status = 'FAILED', finished_at = now(),
                    message = 'interrupted by a restart of the service; run it again (runs are idempotent)'
                    where status in ('QUEUED', 'RUNNING')""")) {
                ps.executeUpdate();
            }
            return null;
        }));
    }

    void onStop(@Observes ShutdownEvent stop) {
        worker.shutdownNow();
        chunks.shutdownNow();
    }

    private Job job(ResultSet rs) throws SQLException {
        int total = rs.getInt("total");
        int done = rs.getInt("done");
        List<AllocationRuns.EntityError> errors;
        try {
            errors = json.readValue(rs.getString("errors"), new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String status = rs.getString("status");
        double progress = Job.progress(status, total, done);
        return new Job((UUID) rs.getObject("id"), JobKind.valueOf(rs.getString("kind")), rs.getString("cycle"),
                rs.getString("province_code"), status, rs.getString("rulebook_id"), rs.getInt("rulebook_version"),
                total, done, progress, rs.getInt("failed"), rs.getInt("skipped_years"), rs.getInt("units_computed"),
                rs.getInt("instructions"), rs.getInt("obligations"), errors, rs.getString("message"),
                rs.getString("requested_by"), Jdbc.instant(rs.getTimestamp("requested_at")),
                Jdbc.instant(rs.getTimestamp("started_at")), Jdbc.instant(rs.getTimestamp("finished_at")));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

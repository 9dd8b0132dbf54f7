package cn.carbon.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * How long the services' long jobs take and how they end ({@code carbon_job_duration_seconds{task,outcome}}; the tag
 * is not "job", which is Prometheus' own label):
 * allocation-service's pre-allocation and verification runs so far.
 */
@ApplicationScoped
public class JobDurations {

    private final MeterRegistry metrics;

    public JobDurations(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /** Registers the job's timers at zero, so that a dashboard shows the job before its first run. */
    public void declare(String task, String... outcomes) {
        for (String outcome : outcomes) {
            timer(task, outcome);
        }
    }

    public void record(String task, String outcome, Duration took) {
        timer(task, outcome).record(took);
    }

    private Timer timer(String task, String outcome) {
        return Timer.builder("carbon.job.duration").description("duration of a job run by its outcome")
                .tags("task", task, "outcome", outcome).register(metrics);
    }
}

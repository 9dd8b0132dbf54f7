package cn.carbon.platform.metrics;

import cn.carbon.platform.time.BusinessClock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The business clock as a metric ({@code carbon_business_clock_seconds}): the deadline alerts compare the rulebook's
 * dates with it rather than with Prometheus' time(), so they hold for a replayed season too. In production it is
 * the real time.
 */
@Startup
@ApplicationScoped
public class BusinessClockGauge {

    public BusinessClockGauge(BusinessClock clock, MeterRegistry metrics) {
        Gauge.builder("carbon.business.clock.seconds", clock, c -> c.instant().toEpochMilli() / 1000.0)
                .description("the business clock deadlines are judged by, in Unix seconds").register(metrics);
    }
}

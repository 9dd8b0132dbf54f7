package cn.carbon.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Documents that could not be signed ({@code carbon_signing_failures_total{document}}): a certificate or notice
 * refused for that reason is a key or configuration problem, never the caller's.
 */
@ApplicationScoped
public class SigningFailures {

    private final MeterRegistry metrics;

    public SigningFailures(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /** The counter of one kind of document (registered at 0, so that it is scraped before the first failure). */
    public Counter of(String document) {
        return Counter.builder("carbon.signing.failures").description("documents that could not be signed")
                .tag("document", document).register(metrics);
    }
}

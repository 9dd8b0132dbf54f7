package cn.carbon.k8s;

import java.util.List;

/**
 * The five services of docs/DESIGN.md; each is a Deployment, a Service and a KafkaUser of the same name. The console
 * is a Deployment and a Service too ({@link #WORKLOADS}).
 */
final class CarbonServices {

    static final String GATEWAY = "gateway";
    static final List<String> DOMAIN_SERVICES =
            List.of("allocation-service", "surrender-service", "offset-service", "risk-service");
    static final List<String> ALL =
            List.of("allocation-service", "surrender-service", "offset-service", "risk-service", GATEWAY);
    /** The web console: a Deployment and a Service like the others, but no database, no Kafka, no KafkaUser. */
    static final String CONSOLE = "console";
    /** Every Deployment of the platform: the rules of pods, images and availability hold for each. */
    static final List<String> WORKLOADS =
            List.of("allocation-service", "surrender-service", "offset-service", "risk-service", GATEWAY, CONSOLE);

    /** Where the images are published; the version every Deployment must pin. */
    static final String REGISTRY = "registry.carbon.internal/carbon/";
    static final String VERSION = "0.1.0";

    private CarbonServices() {
    }
}

package cn.carbon.k8s;

import java.util.List;

/** The five services of docs/DESIGN.md; each is a Deployment, a Service and a KafkaUser of the same name. */
final class CarbonServices {

    static final String GATEWAY = "gateway";
    static final List<String> DOMAIN_SERVICES =
            List.of("allocation-service", "surrender-service", "offset-service", "risk-service");
    static final List<String> ALL =
            List.of("allocation-service", "surrender-service", "offset-service", "risk-service", GATEWAY);

    /** Where the images are published; the version every Deployment must pin. */
    static final String REGISTRY = "registry.carbon.internal/carbon/";
    static final String VERSION = "0.1.0";

    private CarbonServices() {
    }
}

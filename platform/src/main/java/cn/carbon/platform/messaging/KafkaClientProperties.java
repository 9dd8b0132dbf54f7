package cn.carbon.platform.messaging;

import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.Map;

/** The service's {@code kafka.*} settings as client properties, for the clients the platform makes itself. */
public final class KafkaClientProperties {

    private KafkaClientProperties() {
    }

    public static Map<String, Object> of(Config config) {
        Map<String, Object> props = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.") && !name.startsWith("kafka.devservices")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> props.put(name.substring(6), v));
            }
        }
        return props;
    }
}

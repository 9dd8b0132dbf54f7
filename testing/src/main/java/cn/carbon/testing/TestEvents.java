package cn.carbon.testing;

import cn.carbon.contracts.EntityEvent;
import cn.carbon.contracts.EventEnvelope;

/** Events as their producing service would publish them, for consumers' tests. */
public final class TestEvents {

    private TestEvents() {
    }

    public static EventEnvelope entityRegistered(String uscc, String provinceCode) {
        return EventEnvelope.of(EntityEvent.REGISTERED, "allocation-service", uscc, null,
                KafkaTestClient.json().valueToTree(new EntityEvent(uscc, "Entity " + uscc, provinceCode, "POWER", "OPERATING")));
    }
}

package cn.carbon.allocation.issuance;

import cn.carbon.contracts.AllocationInstruction;
import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.Topics;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.Tokens;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static cn.carbon.allocation.Fixtures.BASE;
import static cn.carbon.allocation.Fixtures.CYCLE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The net instructed per destination and vintage ("ENTITY_ACCOUNT|2021" → t), as stored in allocation_instruction
 * (read back through the entity's allocation) and as published on carbon.allocations.v1; zero nets are left out.
 */
final class Nets {

    static final String ENTITY = AllocationInstruction.ENTITY_ACCOUNT;
    static final String CUSTODY = AllocationInstruction.PROVINCIAL_CUSTODY;

    private Nets() {
    }

    static String at(String destination, String vintage) {
        return destination + "|" + vintage;
    }

    /** What the service stored as instructed, per destination and vintage. */
    static Map<String, Long> stored(String province, String uscc) {
        JsonPath a = given().auth().oauth2(Tokens.province(province))
                .get(BASE + "/cycles/" + CYCLE + "/entities/" + uscc + "/allocation")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Long> net = new TreeMap<>();
        List<Map<String, Object>> years = a.getList("years");
        for (Map<String, Object> y : years) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> is = (List<Map<String, Object>>) y.get("instructions");
            for (Map<String, Object> i : is) {
                long q = ((Number) i.get("quantityT")).longValue();
                net.merge(at((String) i.get("destination"), (String) y.get("vintage")),
                        "ISSUE".equals(i.get("kind")) ? q : -q, Long::sum);
            }
        }
        net.values().removeIf(v -> v == 0);
        return net;
    }

    /** What carbon.allocations.v1 carries for each entity, per destination and vintage. */
    static Map<String, Map<String, Long>> published(Collection<String> usccs) {
        Map<String, Map<String, Long>> out = new HashMap<>();
        for (String u : usccs) {
            out.put(u, new TreeMap<>());
        }
        KafkaTestClient.readAll(Topics.ALLOCATIONS, Duration.ofSeconds(2)).stream()
                .filter(r -> out.containsKey(r.key())).forEach(r -> {
                    EventEnvelope e = KafkaTestClient.envelope(r);
                    AllocationInstruction i = KafkaTestClient.json().convertValue(e.data(), AllocationInstruction.class);
                    long q = AllocationInstruction.ISSUE.equals(e.type()) ? i.quantityT() : -i.quantityT();
                    out.get(r.key()).merge(at(i.destination(), i.vintage()), q, Long::sum);
                });
        out.values().forEach(m -> m.values().removeIf(v -> v == 0));
        return out;
    }

    /**
     * Waits (60 s at most) until the topic carries, for each entity, exactly the nets the service stored, and returns
     * them; fails with both when they never agree.
     */
    static Map<String, Map<String, Long>> publishedEqualsStored(String province, Collection<String> usccs) {
        Map<String, Map<String, Long>> stored = new HashMap<>();
        for (String u : usccs) {
            stored.put(u, stored(province, u));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Map<String, Long>> published = published(usccs);
        while (!published.equals(stored) && System.nanoTime() < deadline) {
            published = published(usccs);
        }
        assertThat(published).as("published on carbon.allocations.v1 vs stored in allocation_instruction")
                .isEqualTo(stored);
        return stored;
    }

    /** A map of nets, from pairs (key, t). */
    static Map<String, Long> of(Object... pairs) {
        Map<String, Long> m = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return m;
    }
}

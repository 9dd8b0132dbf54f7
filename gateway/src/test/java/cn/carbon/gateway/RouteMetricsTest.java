package cn.carbon.gateway;

import cn.carbon.testing.OidcResource;
import cn.carbon.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's HTTP metrics are kept per route: reads of many entities make one series, not one per USCC. */
@QuarkusTest
@QuarkusTestResource(OidcResource.class)
@QuarkusTestResource(EchoUpstream.class)
class RouteMetricsTest {

    @Test
    void manyPathsOneSeriesPerRoute() {
        String token = Tokens.province("320000");
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(token).get("/api/allocation/entities/91320000MET00000" + i).then().statusCode(200);
        }
        given().auth().oauth2(token).get("/api/offsets/missing").then().statusCode(404);

        List<String> series = Arrays.stream(given().get("/q/metrics").then().statusCode(200).extract().asString()
                .split("\n")).filter(l -> l.startsWith("http_server_requests_seconds_count")).toList();
        assertThat(series).noneMatch(l -> l.contains("91320000MET"));
        assertThat(series).filteredOn(l -> l.contains("uri=\"/api/allocation/*\"") && l.contains("status=\"200\""))
                .singleElement().satisfies(l -> assertThat(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                        .isGreaterThanOrEqualTo(5.0));
        assertThat(series).anyMatch(l -> l.contains("uri=\"/api/offsets/*\"") && l.contains("status=\"404\""));
    }
}

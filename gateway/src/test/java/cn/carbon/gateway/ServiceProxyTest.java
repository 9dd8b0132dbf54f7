package cn.carbon.gateway;

import cn.carbon.testing.BadTokens;
import cn.carbon.testing.OidcResource;
import cn.carbon.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(OidcResource.class)
@QuarkusTestResource(EchoUpstream.class)
class ServiceProxyTest {

    @Test
    void routesByPrefixRelayingTokenQueryAndRequestId() {
        String token = Tokens.province("320000");
        given().auth().oauth2(token).header("X-Request-Id", "req-42")
                .when().get("/api/allocation/entities?province=320000&page=1")
                .then().statusCode(200)
                .header("X-Request-Id", "req-42")
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/allocation/entities?province=320000&page=1"))
                .body("authorization", equalTo("Bearer " + token))
                .body("requestId", equalTo("req-42"));
    }

    @Test
    void theConsoleIsReachedWithoutABearerTokenAndLearnsTheBrowsersHost() {
        given().header("Host", "carbon.example:8443").redirects().follow(false)
                .when().get("/console/province?x=1")
                .then().statusCode(200)
                .body("uri", equalTo("/console/province?x=1"))
                .body("authorization", equalTo(""))
                .body("forwardedHost", equalTo("carbon.example:8443"));
        given().when().get("/").then().statusCode(200).body("uri", equalTo("/"));
    }

    @Test
    void makesARequestIdWhenNoneIsGiven() {
        String v4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
        String first = given().auth().oauth2(Tokens.registry()).when().get("/api/surrender/accounts/x")
                .then().statusCode(200).header("X-Request-Id", matchesPattern(v4)).body("requestId", matchesPattern(v4))
                .extract().header("X-Request-Id");
        String second = given().auth().oauth2(Tokens.registry()).when().get("/api/surrender/accounts/x")
                .then().statusCode(200).extract().header("X-Request-Id");
        assertThat(second).matches(v4).isNotEqualTo(first);
    }

    @Test
    void upstreamStatusPassesThrough() {
        given().auth().oauth2(Tokens.registry()).when().get("/api/offsets/missing").then().statusCode(404);
    }

    @Test
    void refusesMissingAndBadTokensBeforeRouting() {
        int before = EchoUpstream.HITS.get();
        BadTokens.assertAllRefused("GET", "/api/allocation/entities", "registry");
        assertThat(EchoUpstream.HITS.get()).isEqualTo(before);
    }

    @Test
    void streamsALargeUploadThrough() {
        long size = 64L * 1024 * 1024;
        InputStream body = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        given().auth().oauth2(Tokens.province("320000")).contentType("text/csv").body(body)
                .when().post("/api/allocation/cycles/2021-2022/units:import")
                .then().statusCode(200).body("bodyLength", equalTo((int) size));
    }

    @Test
    void anUnreachableServiceIsA502Problem() {
        given().auth().oauth2(Tokens.registry()).when().get("/api/risk/alerts")
                .then().statusCode(502).contentType(startsWith("application/problem+json"));
    }

    @Test
    void certificateVerificationNeedsNoTokenButCertificatesDo() {
        given().when().get("/api/surrender/certificates/C-2021-000001/verification")
                .then().statusCode(200).body("authorization", equalTo(""));
        given().when().get("/api/surrender/certificates/C-2021-000001").then().statusCode(401);
        given().when().head("/api/surrender/certificates/C-2021-000001/verification").then().statusCode(200);
        given().when().get("/api/surrender/certificates/keys").then().statusCode(200);
        given().when().get("/api/surrender/public/compliance-report?year=2021").then().statusCode(200);
        given().when().get("/api/surrender/public/compliance-report/other").then().statusCode(401);
    }

    @Test
    void anonymousCallersOnlyReadThePublicPaths() {
        // a command without a token never reaches the service (where it would be audited)
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            given().contentType("application/json").body("{}")
                    .when().request(method, "/api/surrender/certificates/C-2021-000001/verification")
                    .then().statusCode(401).contentType(startsWith("application/problem+json"));
        }
        given().contentType("application/json").body("{}").when().post("/api/surrender/certificates/keys")
                .then().statusCode(401);
        given().contentType("application/json").body("{}").when().post("/api/surrender/public/compliance-report")
                .then().statusCode(401);
    }

    @Test
    void setsSecurityHeadersAndAllowsOnlyConfiguredOrigins() {
        given().auth().oauth2(Tokens.registry()).when().get("/api/allocation/entities")
                .then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store");
        given().header("Origin", "http://127.0.0.1:3000").header("Access-Control-Request-Method", "GET")
                .when().options("/api/allocation/entities")
                .then().header("Access-Control-Allow-Origin", "http://127.0.0.1:3000");
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .when().options("/api/allocation/entities")
                .then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void servesEachServicesOpenApiWithoutAToken() {
        given().when().get("/openapi/allocation").then().statusCode(200).body("uri", equalTo("/q/openapi?format=json"));
    }

    @Test
    void unknownPrefixIsNotRouted() {
        given().auth().oauth2(Tokens.registry()).when().get("/api/unknown/x").then().statusCode(404);
    }
}

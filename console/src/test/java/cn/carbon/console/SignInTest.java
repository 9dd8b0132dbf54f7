package cn.carbon.console;

import cn.carbon.testing.OidcResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * The way in, against a real OpenID provider on loopback (discovery and keys over HTTP): every page but the public ones
 * sends a signed-out browser to the provider's authorization endpoint with a PKCE challenge, in a state cookie that is
 * Secure, HttpOnly and SameSite; the public pages answer in Chinese first and in English on request.
 */
@QuarkusTest
@QuarkusTestResource(OidcResource.class)
class SignInTest {

    @Test
    void aProvincePageSendsASignedOutBrowserToKeycloakWithAPkceChallenge() {
        Response response = given().redirects().follow(false)
                .header("X-Forwarded-Host", "localhost:8080").header("X-Forwarded-Proto", "http")
                .when().get("/console/province");
        assertThat(response.statusCode()).isEqualTo(302);
        URI location = URI.create(response.header("Location"));
        assertThat(location.getPath()).endsWith("/realms/carbon/protocol/openid-connect/auth");
        assertThat(location.getQuery())
                .contains("response_type=code", "client_id=carbon-gateway", "code_challenge_method=S256",
                        "code_challenge=", "redirect_uri=http://localhost:8080/console/province");
        String stateCookie = response.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("q_auth")).findFirst().orElseThrow();
        assertThat(attributes(stateCookie)).contains("secure", "httponly", "samesite=lax", "path=/console");
    }

    @Test
    void theLandingPageIsChineseFirstAndEnglishOnRequest() {
        given().when().get("/console/").then().statusCode(200)
                .body(containsString("lang=\"zh-CN\""))
                .body(containsString("配额分配与清缴工作台"))
                .body(containsString("href=\"/console/signin\""));
        given().cookie(Views.LANG_COOKIE, "en").when().get("/console/").then().statusCode(200)
                .body(containsString("lang=\"en\""))
                .body(containsString("Allocation and surrender workbench"));
    }

    @Test
    void theLanguageSwitchSetsItsCookieAndGoesBackOnlyToAConsolePage() {
        Response switched = given().redirects().follow(false).when()
                .get("/console/lang?to=en&back=/console/public?code=x");
        assertThat(switched.statusCode()).isEqualTo(303);
        assertThat(switched.header("Location")).endsWith("/console/public?code=x");
        String lang = switched.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith("carbon_lang="))
                .findFirst().orElseThrow();
        assertThat(attributes(lang)).contains("carbon_lang=en", "secure", "httponly", "samesite=lax", "path=/console");
        Response elsewhere = given().redirects().follow(false).when().get("/console/lang?to=en&back=https://evil.example/");
        assertThat(elsewhere.header("Location")).endsWith("/console/");
    }

    @Test
    void theCycleSwitchSetsItsCookieForAnOfferedCycleAndRefusesAnyOtherByName() {
        Response switched = given().redirects().follow(false).when()
                .get("/console/cycle?to=2023&back=/console/public/compliance-report");
        assertThat(switched.statusCode()).isEqualTo(303);
        assertThat(switched.header("Location")).endsWith("/console/public/compliance-report");
        String cycle = switched.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith("carbon_cycle="))
                .findFirst().orElseThrow();
        assertThat(attributes(cycle)).contains("carbon_cycle=2023", "secure", "httponly", "samesite=lax", "path=/console");

        Response unknown = given().redirects().follow(false).when().get("/console/cycle?to=2019-2020&back=/console/");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().getValues("Set-Cookie")).noneMatch(c -> c.startsWith("carbon_cycle="));
        assertThat(unknown.body().asString()).contains("未知的履约周期").contains("2019-2020").contains("2021-2022, 2023");
        Response elsewhere = given().redirects().follow(false).when().get("/console/cycle?to=2024&back=//evil.example/");
        assertThat(elsewhere.header("Location")).endsWith("/console/");
    }

    @Test
    void anUnreachableGatewayIsAPageInChineseNotAStackTrace() {
        // the test profile points the console at a closed port (application.properties, %test)
        given().when().get("/console/public?code=LYZM-2022-000001").then().statusCode(502)
                .body(containsString("服务暂时不可用，请稍后再试"))
                .body(not(containsString("Exception")));
    }

    @Test
    void theRootGoesToTheConsole() {
        Response root = given().redirects().follow(false).when().get("/");
        assertThat(root.statusCode()).isEqualTo(303);
        assertThat(root.header("Location")).endsWith("/console/");
    }

    @Test
    void theBrowserLibrariesComeFromTheMvnpmJars() {
        given().when().get("/console/assets/htmx.js").then().statusCode(200)
                .contentType(containsString("javascript")).body(containsString("htmx"));
        given().when().get("/console/assets/echarts.js").then().statusCode(200).body(containsString("echarts"));
        given().when().get("/console/assets/other.js").then().statusCode(404);
    }

    @Test
    void theChinaMapComesFromTheEcharts410WebjarAndTheScriptsAreServedSignedOut() {
        given().when().get("/console/assets/china.json").then().statusCode(200).contentType(containsString("json"))
                .body(containsString("FeatureCollection"), containsString("甘肃"));
        given().when().get("/console/live-alerts.js").then().statusCode(200).body(containsString("EventSource"));
        given().when().get("/console/risk-map.js").then().statusCode(200).body(containsString("registerMap"));
    }

    @Test
    void theLiveAlertsAndTheRiskMapAreForSignedInUsersOnly() {
        given().redirects().follow(false).when().get("/console/risk").then().statusCode(302);
        given().redirects().follow(false).when().get("/console/risk/stream").then().statusCode(302);
        given().redirects().follow(false).when().get("/console/province/risk/stream").then().statusCode(302);
        given().redirects().follow(false).when().get("/console/exchange").then().statusCode(302);
    }

    /** A Set-Cookie header's name=value and attributes, lower case. */
    private static java.util.Set<String> attributes(String setCookie) {
        return java.util.Arrays.stream(setCookie.split(";")).map(a -> a.strip().toLowerCase())
                .collect(java.util.stream.Collectors.toSet());
    }
}

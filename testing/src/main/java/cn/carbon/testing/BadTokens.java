package cn.carbon.testing;

import io.restassured.RestAssured;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The tokens no service may accept, and the check that each is answered 401 problem+json. */
public final class BadTokens {

    private BadTokens() {
    }

    /** Name → token; each would otherwise carry {@code role}. */
    public static Map<String, String> all(String role) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("expired", Tokens.expired(role));
        tokens.put("wrong issuer", Tokens.wrongIssuer(role));
        tokens.put("wrong audience", Tokens.wrongAudience(role));
        tokens.put("alg=none", Tokens.unsigned(role));
        tokens.put("unknown key", Tokens.unknownKey(role));
        tokens.put("tampered", Tokens.tampered(role));
        return tokens;
    }

    /** No token and every bad token get 401 with a problem body on {@code method path}. */
    public static void assertAllRefused(String method, String path, String role) {
        RestAssured.given().when().request(method, path).then()
                .statusCode(401).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(401));
        all(role).forEach((name, token) -> {
            int status = RestAssured.given().auth().oauth2(token).when().request(method, path).then()
                    .extract().statusCode();
            if (status != 401) {
                throw new AssertionError(name + " token on " + method + " " + path + " answered " + status + ", not 401");
            }
        });
    }
}

package cn.carbon.surrender.rest;

import cn.carbon.surrender.certificates.CertificateIds;
import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class CertificateResourceTest {

    @Inject
    Fixture fixture;

    @BeforeEach
    void beforeTheDeadline() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
    }

    private String complied(String uscc) {
        fixture.issue(uscc, 2022, "2022", 700);
        fixture.obligation(uscc, 2022, 700);
        given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "complianceYear", 2022, "lines", List.of(Map.of("vintage", "2022", "quantityT", 700))))
                .post("/api/surrender/surrenders").then().statusCode(201);
        return given().auth().oauth2(Tokens.entity(uscc)).get("/api/surrender/compliance/" + uscc).then().statusCode(200)
                .extract().path("years[1].certificateId");
    }

    @Test
    void aCompliedYearHasAnUnguessableSignedCertificateAsJsonAndPdfThatAnyoneCanVerify() throws Exception {
        String uscc = fixture.entity("650000");
        String id = complied(uscc);
        assertThat(id).matches(CertificateIds.PATTERN).startsWith("LYZM-2022-");

        io.restassured.response.ExtractableResponse<io.restassured.response.Response> view = given()
                .auth().oauth2(Tokens.entity(uscc)).get("/api/surrender/certificates/" + id).then()
                .statusCode(200).contentType(startsWith("application/json"))
                .body("certificate.uscc", equalTo(uscc))
                .body("certificate.complianceYear", equalTo(2022))
                .body("certificate.obligationT", equalTo(700))
                .body("certificate.status", equalTo("COMPLIANT"))
                .body("certificate.title", startsWith("履约证明"))
                .body("algorithm", equalTo("Ed25519"))
                .body("signature", matchesPattern("[A-Za-z0-9_-]{86}"))
                .extract();
        String signature = view.path("signature");
        String keyId = view.path("keyId");

        byte[] pdf = given().auth().oauth2(Tokens.province("650000")).accept("application/pdf")
                .get("/api/surrender/certificates/" + id).then().statusCode(200)
                .contentType(startsWith("application/pdf")).extract().asByteArray();
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).contains(id);

        // offline: the published public key verifies the signed payload, and nothing else
        List<Map<String, Object>> keys = given().get("/api/surrender/certificates/keys").then().statusCode(200)
                .extract().path("keys");
        Map<String, Object> key = keys.stream().filter(k -> keyId.equals(k.get("kid"))).findFirst().orElseThrow();
        assertThat(key).containsEntry("kty", "OKP").containsEntry("crv", "Ed25519").containsEntry("current", true);
        PublicKey pub = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode((String) key.get("spki"))));
        String payload = view.path("signedPayload");
        assertThat(ed25519(pub, payload, signature)).isTrue();
        assertThat(ed25519(pub, payload.replace("\"obligationT\":700", "\"obligationT\":7"), signature)).isFalse();

        // no token at all: the verdict and no more than the certificate shows
        given().get("/api/surrender/certificates/" + id + "/verification").then().statusCode(200)
                .body("verdict", equalTo("GENUINE"))
                .body("uscc", equalTo(uscc))
                .body("complianceYear", equalTo(2022))
                .body("$", not(hasKey("obligationT")))
                .body("$", not(hasKey("summary")));
        given().head("/api/surrender/certificates/" + id + "/verification").then().statusCode(200);
        given().queryParam("signature", signature).get("/api/surrender/certificates/" + id + "/verification").then()
                .statusCode(200).body("verdict", equalTo("GENUINE"));
        given().queryParam("signature", "A" + signature.substring(1)).get("/api/surrender/certificates/" + id + "/verification")
                .then().statusCode(200).body("verdict", equalTo("UNKNOWN")).body("$", not(hasKey("uscc")));
        // an id nobody issued: the same shape, nothing about anyone
        given().get("/api/surrender/certificates/LYZM-2022-000001/verification").then().statusCode(200)
                .body("verdict", equalTo("UNKNOWN")).body("$", not(hasKey("uscc")));
    }

    private static boolean ed25519(PublicKey key, String payload, String signature) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(payload.getBytes(StandardCharsets.UTF_8));
        return s.verify(Base64.getUrlDecoder().decode(signature));
    }

    @Test
    void aCertificateAlteredInTheDatabaseIsUnknown() {
        String uscc = fixture.entity("650000");
        String id = complied(uscc);
        fixture.sql("update certificate set payload = replace(payload, '\"obligationT\":700', '\"obligationT\":7') where id = ?1", id);
        given().get("/api/surrender/certificates/" + id + "/verification").then().statusCode(200)
                .body("verdict", equalTo("UNKNOWN"));
    }

    @Test
    void aCertificateWhoseYearWasReopenedIsRevoked() {
        String uscc = fixture.entity("650000");
        String id = complied(uscc);
        fixture.obligation(uscc, 2022, 800); // a correction raises the obligation: the year is open again
        given().get("/api/surrender/certificates/" + id + "/verification").then().statusCode(200)
                .body("verdict", equalTo("REVOKED"));
        // completing it again issues a new certificate
        fixture.issue(uscc, 2022, "2022", 100);
        given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "complianceYear", 2022, "lines", List.of(Map.of("vintage", "2022", "quantityT", 100))))
                .post("/api/surrender/surrenders").then().statusCode(201);
        String second = given().auth().oauth2(Tokens.entity(uscc)).get("/api/surrender/compliance/" + uscc).then()
                .extract().path("years[1].certificateId");
        assertThat(second).isNotEqualTo(id).matches(CertificateIds.PATTERN);
        given().get("/api/surrender/certificates/" + second + "/verification").then().body("verdict", equalTo("GENUINE"));
    }

    @Test
    void certificatesAreScoped() {
        String uscc = fixture.entity("650000");
        String id = complied(uscc);
        given().auth().oauth2(Tokens.entity(fixture.entity("650000"))).get("/api/surrender/certificates/" + id).then()
                .statusCode(404);
        given().auth().oauth2(Tokens.province("320000")).get("/api/surrender/certificates/" + id).then().statusCode(404);
        given().get("/api/surrender/certificates/" + id).then().statusCode(401);
        given().auth().oauth2(Tokens.exchange()).get("/api/surrender/certificates/" + id).then().statusCode(403);
        given().auth().oauth2(Tokens.ministry()).get("/api/surrender/certificates/" + id).then().statusCode(200);
    }
}

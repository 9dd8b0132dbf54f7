package cn.carbon.surrender.rest;

import cn.carbon.surrender.support.Fixture;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
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
    void aCompliedYearHasANumberedSignedCertificateAsJsonAndPdfThatAnyoneCanVerify() {
        String uscc = fixture.entity("510000");
        String id = complied(uscc);
        assertThat(id).matches("LYZM-2022-\\d{6}");

        String signature = given().auth().oauth2(Tokens.entity(uscc)).get("/api/surrender/certificates/" + id).then()
                .statusCode(200).contentType(startsWith("application/json"))
                .body("certificate.uscc", equalTo(uscc))
                .body("certificate.complianceYear", equalTo(2022))
                .body("certificate.obligationT", equalTo(700))
                .body("certificate.status", equalTo("COMPLIANT"))
                .body("certificate.title", startsWith("履约证明"))
                .body("algorithm", equalTo("HMAC-SHA256"))
                .body("signature", matchesPattern("[A-Za-z0-9_-]{43}"))
                .extract().path("signature");

        byte[] pdf = given().auth().oauth2(Tokens.province("510000")).accept("application/pdf")
                .get("/api/surrender/certificates/" + id).then().statusCode(200)
                .contentType(startsWith("application/pdf")).extract().asByteArray();
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).contains(signature).contains(id);

        // no token at all
        given().get("/api/surrender/certificates/" + id + "/verification").then().statusCode(200)
                .body("genuine", equalTo(true))
                .body("current", equalTo(true))
                .body("summary.uscc", equalTo(uscc))
                .body("summary.status", equalTo("COMPLIANT"))
                .body("summary.complianceYear", equalTo(2022));
        given().queryParam("signature", signature).get("/api/surrender/certificates/" + id + "/verification").then()
                .statusCode(200).body("genuine", equalTo(true));
        given().queryParam("signature", "A" + signature.substring(1)).get("/api/surrender/certificates/" + id + "/verification")
                .then().statusCode(200).body("genuine", equalTo(false));
        given().get("/api/surrender/certificates/LYZM-2022-999999/verification").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void aCertificateAlteredInTheDatabaseIsNotGenuine() {
        String uscc = fixture.entity("510000");
        String id = complied(uscc);
        fixture.sql("update certificate set payload = replace(payload, '\"obligationT\":700', '\"obligationT\":7') where id = ?1", id);
        given().get("/api/surrender/certificates/" + id + "/verification").then().statusCode(200)
                .body("genuine", equalTo(false));
    }

    @Test
    void aCertificateWhoseYearWasReopenedIsGenuineButNoLongerCurrent() {
        String uscc = fixture.entity("510000");
        String id = complied(uscc);
        fixture.obligation(uscc, 2022, 800); // a correction raises the obligation: the year is open again
        given().get("/api/surrender/certificates/" + id + "/verification").then().statusCode(200)
                .body("genuine", equalTo(true))
                .body("current", equalTo(false));
        // completing it again issues a new certificate
        fixture.issue(uscc, 2022, "2022", 100);
        given().auth().oauth2(Tokens.entity(uscc)).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "complianceYear", 2022, "lines", List.of(Map.of("vintage", "2022", "quantityT", 100))))
                .post("/api/surrender/surrenders").then().statusCode(201);
        String second = given().auth().oauth2(Tokens.entity(uscc)).get("/api/surrender/compliance/" + uscc).then()
                .extract().path("years[1].certificateId");
        assertThat(second).isNotEqualTo(id).startsWith("LYZM-2022-");
        given().get("/api/surrender/certificates/" + second + "/verification").then().body("current", equalTo(true));
    }

    @Test
    void certificatesAreScoped() {
        String uscc = fixture.entity("510000");
        String id = complied(uscc);
        given().auth().oauth2(Tokens.entity(fixture.entity("510000"))).get("/api/surrender/certificates/" + id).then()
                .statusCode(404);
        given().auth().oauth2(Tokens.province("320000")).get("/api/surrender/certificates/" + id).then().statusCode(404);
        given().get("/api/surrender/certificates/" + id).then().statusCode(401);
        given().auth().oauth2(Tokens.exchange()).get("/api/surrender/certificates/" + id).then().statusCode(403);
        given().auth().oauth2(Tokens.ministry()).get("/api/surrender/certificates/" + id).then().statusCode(200);
    }
}

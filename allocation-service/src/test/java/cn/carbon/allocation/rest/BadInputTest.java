package cn.carbon.allocation.rest;

import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** Control characters and paging out of bounds: 400 problems naming the field, nothing stored (issue 14, 8 and 9). */
@QuarkusTest
class BadInputTest {

    static final String ENTITIES = "/api/allocation/entities";
    static final String CYCLE = "2021-2022";

    @Test
    void aNulInAQueryParameterIsNamed() {
        given().auth().oauth2(Tokens.registry()).queryParam("province", "\u0000").when().get(ENTITIES)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("province"));
        given().auth().oauth2(Tokens.registry()).queryParam("status", "OPERATING\u001b[2J").when().get(ENTITIES)
                .then().statusCode(400).body("errors.field", hasItem("status"));
    }

    @Test
    void aControlCharacterInAPathIsNamed() {
        given().auth().oauth2(Tokens.registry()).urlEncodingEnabled(false)
                .when().get(ENTITIES + "/91650000MA0000%0001")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("uscc"));
    }

    @Test
    void aNulInABodyFieldIsNamedAndNothingIsRegistered() {
        String uscc = TestUscc.next("650000");
        given().auth().oauth2(Tokens.province("650000")).contentType(ContentType.JSON)
                .body("{\"uscc\":\"" + uscc + "\",\"name\":\"Urumqi\\u0000Power\",\"provinceCode\":\"650000\"}")
                .when().post(ENTITIES)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("name"));
        given().auth().oauth2(Tokens.registry()).when().get(ENTITIES + "/" + uscc).then().statusCode(404);
    }

    @Test
    void aNulInANoteIsNamedAndLineBreaksInNotesAreText() {
        String uscc = TestUscc.next("650000");
        given().auth().oauth2(Tokens.province("650000")).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "name", "Hami Power", "provinceCode", "650000")).post(ENTITIES)
                .then().statusCode(201);
        given().auth().oauth2(Tokens.province("650000")).contentType(ContentType.JSON)
                .body("{\"status\":\"COMPLIANCE_RISK\",\"reasons\":[\"DEBT\"],\"specialNote\":\"法院\\u0000冻结\",\"why\":\"court\"}")
                .when().put(ENTITIES + "/" + uscc + "/status")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("specialNote"));
        given().auth().oauth2(Tokens.registry()).when().get(ENTITIES + "/" + uscc).then().body("status", equalTo("OPERATING"));
        given().auth().oauth2(Tokens.province("650000")).contentType(ContentType.JSON)
                .body(Map.of("status", "COMPLIANCE_RISK", "reasons", java.util.List.of("DEBT"),
                        "specialNote", "第一行\n第二行\t附注", "why", "court order"))
                .when().put(ENTITIES + "/" + uscc + "/status")
                .then().statusCode(200);
        given().auth().oauth2(Tokens.registry()).when().get(ENTITIES + "/" + uscc)
                .then().body("specialNote", equalTo("第一行\n第二行\t附注"));
    }

    @Test
    void pagingOutOfBoundsIsA400NotAnOverflow() {
        given().auth().oauth2(Tokens.registry()).queryParam("page", 5_000_000).queryParam("size", 500).when().get(ENTITIES)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("page"));
        given().auth().oauth2(Tokens.registry()).queryParam("page", "99999999999").when().get(ENTITIES)
                .then().statusCode(400).body("errors.field", hasItem("page"));
        given().auth().oauth2(Tokens.registry()).queryParam("page", "-1").queryParam("size", "x").when().get(ENTITIES)
                .then().statusCode(400).body("errors.field", hasItem("page")).body("errors.field", hasItem("size"));
        given().auth().oauth2(Tokens.province("650000")).queryParam("page", 5_000_000).queryParam("size", 500)
                .when().get("/api/allocation/cycles/" + CYCLE + "/tables/unit-allowances")
                .then().statusCode(400).body("errors.field", hasItem("page"));
    }

    @Test
    void aUsccHeldByAnotherProvinceIsUnknownToTheRegistrant() {
        String uscc = TestUscc.next("650000");
        given().auth().oauth2(Tokens.province("650000")).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "name", "Karamay Power", "provinceCode", "650000")).post(ENTITIES)
                .then().statusCode(201);
        // as reading it answers 404, registering it from another province must not reveal that it exists
        given().auth().oauth2(Tokens.province("640000")).when().get(ENTITIES + "/" + uscc).then().statusCode(404);
        given().auth().oauth2(Tokens.province("640000")).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "name", "Yinchuan Power", "provinceCode", "640000")).post(ENTITIES)
                .then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://carbon.example/problems/not-found"));
        given().auth().oauth2(Tokens.province("650000")).contentType(ContentType.JSON)
                .body(Map.of("uscc", uscc, "name", "Karamay Power", "provinceCode", "650000")).post(ENTITIES)
                .then().statusCode(409);
        given().auth().oauth2(Tokens.registry()).when().get(ENTITIES + "/" + uscc)
                .then().statusCode(200).body("provinceCode", equalTo("650000"));
    }
}

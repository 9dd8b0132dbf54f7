package cn.carbon.allocation.health;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** What operations teams and Kubernetes rely on: health with the database and Kafka, metrics, the API document. */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void readinessIncludesTheDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka broker"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsIncludeTheOutbox() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("carbon_outbox_pending"));
    }

    @Test
    void theOpenApiDocumentDescribesTheEntities() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/allocation/entities"));
    }
}

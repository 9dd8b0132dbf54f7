package cn.carbon.risk.reports;

import cn.carbon.contracts.EventEnvelope;
import cn.carbon.contracts.NetPurchaseReportEvent;
import cn.carbon.contracts.Topics;
import cn.carbon.risk.Inputs;
import cn.carbon.testing.KafkaTestClient;
import cn.carbon.testing.TestUscc;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The weekly provincial report in the final month: per entity bought, sold, net, cumulative, gap; JSON, CSV, Kafka. */
@QuarkusTest
class WeeklyReportTest {

    static final String HEADER = "uscc,week_start,week_end,bought_t,sold_t\n";

    @Test
    void eachProvinceGetsItsOwnWeeklyReport() {
        String buyer = TestUscc.next("330000");
        String seller = TestUscc.next("330000");
        Inputs.knownEntity(buyer, "330000");
        Inputs.knownEntity(seller, "330000");
        Inputs.obligation(buyer, "330000", 2021, 1_000);
        Inputs.holdings(buyer, "330000", 700, 0);
        Inputs.obligation(seller, "330000", 2021, 1_000);
        Inputs.holdings(seller, "330000", 1_500, 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> Inputs.count(
                "select count(*) from risk_state where uscc in (?1, ?2)", buyer, seller) == 2
                && Inputs.count("select cycle_gap_t from risk_state where uscc = ?1", buyer) == 300
                // the seller's holdings come on another topic than its obligation: wait for both
                && Inputs.count("select cycle_gap_t from risk_state where uscc = ?1", seller) == 0);

        for (String feed : List.of(
                HEADER + buyer + ",2023-12-04,2023-12-10,100,0\n" + seller + ",2023-12-04,2023-12-10,0,50\n",
                HEADER + buyer + ",2023-12-11,2023-12-17,30,10\n")) {
            given().auth().oauth2(Tokens.exchange()).contentType("text/csv").body(feed)
                    .post("/api/risk/net-purchase-feeds").then().statusCode(201);
        }

        given().auth().oauth2(Tokens.province("330000")).queryParam("week", "2023-12-13")
                .get("/api/risk/provinces/330000/weekly-reports").then().statusCode(200)
                .body("weekStart", equalTo("2023-12-11"))
                .body("cumulativeFrom", equalTo("2023-12-01"))
                .body("rows.find { it.uscc == '" + buyer + "' }.boughtT", equalTo(30))
                .body("rows.find { it.uscc == '" + buyer + "' }.soldT", equalTo(10))
                .body("rows.find { it.uscc == '" + buyer + "' }.netT", equalTo(20))
                .body("rows.find { it.uscc == '" + buyer + "' }.cumulativeNetT", equalTo(120))
                .body("rows.find { it.uscc == '" + buyer + "' }.remainingGapT", equalTo(300))
                .body("rows.find { it.uscc == '" + seller + "' }.netT", equalTo(0))
                .body("rows.find { it.uscc == '" + seller + "' }.cumulativeNetT", equalTo(-50))
                .body("rows.find { it.uscc == '" + seller + "' }.remainingGapT", equalTo(0));

        String csv = given().auth().oauth2(Tokens.registry()).accept("text/csv").queryParam("week", "2023-12-11")
                .get("/api/risk/provinces/330000/weekly-reports").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv).startsWith(WeeklyReport.CSV_HEADER + "\n")
                .contains(buyer + ",Entity " + buyer + ",30,10,20,120,300\n")
                .contains(seller + ",Entity " + seller + ",0,0,0,-50,0\n");

        // another province's report: 404; a week before the final month: a named problem
        given().auth().oauth2(Tokens.province("320000")).queryParam("week", "2023-12-11")
                .get("/api/risk/provinces/330000/weekly-reports").then().statusCode(404);
        given().auth().oauth2(Tokens.exchange()).contentType("text/csv")
                .body(HEADER + buyer + ",2023-10-02,2023-10-08,1,0\n").post("/api/risk/net-purchase-feeds").then().statusCode(201);
        given().auth().oauth2(Tokens.registry()).queryParam("week", "2023-10-03")
                .get("/api/risk/provinces/330000/weekly-reports").then().statusCode(400)
                .body("detail", containsString("not in the final month before the deadline (2023-12-01..2023-12-31)"));

        // published on carbon.net-purchase-reports.v1, keyed by the province
        List<ConsumerRecord<String, String>> reports = KafkaTestClient.readUntil(Topics.NET_PURCHASE_REPORTS,
                Duration.ofSeconds(15), r -> "330000".equals(r.key()) && r.value().contains("2023-12-11")
                        && r.value().contains(buyer));
        EventEnvelope last = KafkaTestClient.envelope(reports.get(reports.size() - 1));
        assertThat(last.type()).isEqualTo(NetPurchaseReportEvent.PUBLISHED);
        assertThat(last.data().get("provinceCode").asText()).isEqualTo("330000");
        assertThat(last.data().get("weekStart").asText()).isEqualTo("2023-12-11");
        assertThat(last.data().get("rows").toString()).contains("\"cumulativeNetT\":120");
    }
}

package cn.carbon.surrender.rest;

import cn.carbon.surrender.carryover.CarryOverCapWorkbook;
import cn.carbon.surrender.support.Fixture;
import cn.carbon.testing.TestUscc;
import cn.carbon.surrender.support.TestClock;
import cn.carbon.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * The carry-over cap of the 2024 rulebook from the ledger's own trades (docs/RULES-2023-2025.md §9 F4, F5): a seller
 * of 40,000 t holding 100,000 t may carry 70,000 t; a buyer keeps the 10,000 t base; the excess is flagged, not moved.
 */
@QuarkusTest
class CarryOverCapTest {

    static final String PROVINCE = "440000";

    @Inject
    Fixture fixture;

    @BeforeEach
    void beforeTheCutOff() {
        TestClock.set(TestClock.BEFORE_DEADLINE);
    }

    @Test
    void aSellerMayCarryBasePlusOneAndAHalfTimesItsNetSalesAndTheRestIsFlagged() {
        String seller = fixture.entity(PROVINCE);
        String buyer = fixture.entity(PROVINCE);
        fixture.issue(seller, 2022, "2022", 140_000);
        given().auth().oauth2(Tokens.exchange()).contentType(ContentType.JSON)
                .body(SettlementResourceTest.trade("T-" + UUID.randomUUID(), seller, buyer, "2022", 40_000))
                .post("/api/surrender/settlements").then().statusCode(201);

        given().auth().oauth2(Tokens.entity(seller)).get("/api/surrender/cycles/2024/entities/" + seller
                        + "/carry-over-cap").then().statusCode(200)
                .body("finalFigures", equalTo(false)).body("cutOff", equalTo("2025-12-31"))
                .body("entities[0].soldT", equalTo(40_000)).body("entities[0].boughtT", equalTo(0))
                .body("entities[0].netSalesT", equalTo(40_000)).body("entities[0].capT", equalTo(70_000))
                .body("entities[0].holdingsT", equalTo(100_000)).body("entities[0].carryableT", equalTo(70_000))
                .body("entities[0].excessT", equalTo(30_000)).body("entities[0].flagged", equalTo(true));
        // the buyer: net sales −40,000 t count as 0, so the cap is the base
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/cycles/2024/entities/" + buyer
                        + "/carry-over-cap").then().statusCode(200)
                .body("entities[0].netSalesT", equalTo(-40_000)).body("entities[0].capT", equalTo(10_000))
                .body("entities[0].excessT", equalTo(30_000));
        // flagged, never moved
        assertThat(fixture.held(seller, "2022")).isEqualTo(100_000);

        given().auth().oauth2(Tokens.province(PROVINCE)).queryParam("flagged", "true")
                .get("/api/surrender/cycles/2024/carry-over-caps").then().statusCode(200)
                .body("items.findAll { it.uscc == '" + seller + "' }.excessT", contains(30_000))
                .body("items.findAll { it.uscc == '" + buyer + "' }.capT", contains(10_000));
        String csv = given().auth().oauth2(Tokens.province(PROVINCE)).accept("text/csv")
                .get("/api/surrender/cycles/2024/carry-over-caps").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv).startsWith("uscc,name,province,sold_t,bought_t,net_sales_t,base_t,net_sales_multiplier,cap_t,"
                + "holdings_t,carryable_t,excess_t,flagged\r\n");
        assertThat(csv.lines().filter(l -> l.startsWith(seller))).singleElement().asString()
                .endsWith("," + PROVINCE + ",40000,0,40000,10000,1.5,70000,100000,70000,30000,true");
    }

    /**
     * The list as XLSX: the sheet 配额结转上限 with a title, bilingual headings and the same figures as the CSV; a name a
     * spreadsheet would take for a formula stays text behind an apostrophe.
     */
    @Test
    void theListAsAWorkbookReadsBackWithTheSameFigures() throws Exception {
        String province = "450000";
        String plain = fixture.entity(province);
        String uscc = TestUscc.next(province);
        String formula = fixture.entity(province, uscc, "=HYPERLINK(\"http://x\",\"电厂\")");
        fixture.issue(plain, 2022, "2022", 25_000);
        fixture.issue(formula, 2022, "2022", 4_000);

        byte[] xlsx = given().auth().oauth2(Tokens.province(province)).accept(CarryOverCapWorkbook.MEDIA_TYPE)
                .get("/api/surrender/cycles/2024/carry-over-caps").then().statusCode(200)
                .contentType(CarryOverCapWorkbook.MEDIA_TYPE)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("carry-over-caps-2024-" + province + ".xlsx"))
                .extract().asByteArray();
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new ByteArrayInputStream(xlsx))) {
            assertThat(book.getNumberOfSheets()).isOne();
            org.apache.poi.ss.usermodel.Sheet sheet = book.getSheet("配额结转上限");
            assertThat(sheet).isNotNull();
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).startsWith("配额结转上限（2024）预计");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("统一社会信用代码\nuscc");
            assertThat(sheet.getRow(1).getCell(8).getStringCellValue()).isEqualTo("结转上限（吨）\ncap_t");
            assertThat(sheet.getRow(1).getCell(12).getStringCellValue()).isEqualTo("是否超出上限\nflagged");
            assertThat(sheet.getPhysicalNumberOfRows()).isEqualTo(CarryOverCapWorkbook.HEADER_ROWS + 2);
            org.apache.poi.ss.usermodel.Row a = row(sheet, plain);
            assertThat(a.getCell(2).getStringCellValue()).isEqualTo(province);
            assertThat(a.getCell(9).getNumericCellValue()).as("holdings").isEqualTo(25_000);
            assertThat(a.getCell(8).getNumericCellValue()).as("cap: the base").isEqualTo(10_000);
            assertThat(a.getCell(11).getNumericCellValue()).as("excess").isEqualTo(15_000);
            assertThat(a.getCell(7).getNumericCellValue()).as("multiplier").isEqualTo(1.5);
            assertThat(a.getCell(12).getStringCellValue()).isEqualTo("是");
            org.apache.poi.ss.usermodel.Row f = row(sheet, formula);
            assertThat(f.getCell(1).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
            assertThat(f.getCell(1).getStringCellValue()).isEqualTo("'=HYPERLINK(\"http://x\",\"电厂\")");
            assertThat(f.getCell(12).getStringCellValue()).isEqualTo("否");
        }
    }

    private static org.apache.poi.ss.usermodel.Row row(org.apache.poi.ss.usermodel.Sheet sheet, String uscc) {
        for (int r = CarryOverCapWorkbook.HEADER_ROWS; r <= sheet.getLastRowNum(); r++) {
            if (sheet.getRow(r).getCell(0).getStringCellValue().equals(uscc)) {
                return sheet.getRow(r);
            }
        }
        throw new AssertionError("no row for " + uscc);
    }

    @Test
    void scopeCyclesAndBadFiltersAreNamed() {
        String mine = fixture.entity(PROVINCE);
        String other = fixture.entity("320000");
        given().auth().oauth2(Tokens.entity(mine)).get("/api/surrender/cycles/2024/entities/" + other
                + "/carry-over-cap").then().statusCode(404);
        given().auth().oauth2(Tokens.province("320000")).get("/api/surrender/cycles/2024/entities/" + mine
                + "/carry-over-cap").then().statusCode(404);
        given().auth().oauth2(Tokens.province("320000")).queryParam("province", PROVINCE)
                .get("/api/surrender/cycles/2024/carry-over-caps").then().statusCode(404);
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/cycles/2021-2022/carry-over-caps")
                .then().statusCode(409).body("type", equalTo("https://carbon.example/problems/no-carry-over-cap"));
        given().auth().oauth2(Tokens.registry()).get("/api/surrender/cycles/1999/carry-over-caps")
                .then().statusCode(404);
        given().auth().oauth2(Tokens.registry()).queryParam("flagged", "maybe")
                .get("/api/surrender/cycles/2024/carry-over-caps").then().statusCode(400)
                .body("errors.field", contains("flagged"));
        given().auth().oauth2(Tokens.entity(mine)).get("/api/surrender/cycles/2024/carry-over-caps")
                .then().statusCode(403);
    }
}

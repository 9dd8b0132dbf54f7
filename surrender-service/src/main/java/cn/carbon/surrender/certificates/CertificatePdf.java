package cn.carbon.surrender.certificates;

import cn.carbon.platform.pdf.ChineseFont;
import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * The 履约证明 as a one-page PDF: the signed payload's fields, the signature and where to verify it. Every text is set in
 * Noto Sans SC, embedded as the subset it uses, so the entity's Chinese name prints on any reader; labels are Chinese
 * first with English after them, quantities with thousands separators.
 */
public final class CertificatePdf {

    private static final Map<String, String> STATUS = Map.of("COMPLIANT", "按时履约", "COMPLIANT_LATE", "逾期履约",
            "OVERDUE", "未履约", "EXEMPT", "豁免", "OPEN", "未完成");

    private CertificatePdf() {
    }

    public static byte[] render(Certificates.Certificate certificate, JsonNode p, String verificationPath) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 56, 56, 64, 56);
        try {
            PdfWriter.getInstance(document, out);
            BaseFont cjk = BaseFont.createFont(ChineseFont.NAME, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
                    ChineseFont.bytes(), null);
            Font title = new Font(cjk, 20, Font.BOLD);
            Font body = new Font(cjk, 11);
            Font small = new Font(cjk, 8);
            document.addTitle("履约证明 " + certificate.id());
            // the number and signature also as plain metadata, for archives that index documents by them
            document.addKeywords(certificate.id() + " " + certificate.signature());
            document.open();
            Paragraph heading = new Paragraph("履约证明\nCertificate of compliance", title);
            heading.setAlignment(Element.ALIGN_CENTER);
            heading.setSpacingAfter(18);
            document.add(heading);
            PdfPTable table = new PdfPTable(new float[]{2, 3});
            table.setWidthPercentage(100);
            row(table, body, "证明编号 Certificate no.", p.path("certificateId").asText());
            row(table, body, "重点排放单位 Entity", p.path("entityName").asText());
            row(table, body, "统一社会信用代码 USCC", p.path("uscc").asText());
            row(table, body, "省份 Province", p.path("provinceCode").asText());
            row(table, body, "履约年度 Compliance year", p.path("complianceYear").asText() + " (" + p.path("cycle").asText() + ")");
            row(table, body, "应清缴配额量（吨）Obligation (t)", tonnes(p.path("obligationT")));
            row(table, body, "已清缴配额量（吨）Surrendered (t)", tonnes(p.path("surrenderedT")));
            row(table, body, "其中预支配额（吨）of which borrowed (t)", tonnes(p.path("borrowedUsedT")));
            row(table, body, "CCER 抵销（吨）Offset (t)", tonnes(p.path("offsetT")));
            row(table, body, "状态 Status", STATUS.getOrDefault(p.path("status").asText(), "")
                    + " " + p.path("status").asText());
            row(table, body, "完成时间 Completed at", p.path("completedAt").asText());
            row(table, body, "出具时间 Issued at", p.path("issuedAt").asText());
            row(table, body, "出具机构 Issuer", p.path("issuer").asText());
            row(table, body, "规则 Rulebook", p.path("rulebook").asText());
            document.add(table);
            Paragraph sig = new Paragraph("\n核验：在控制台公开页面（/console/public）输入证明编号 " + certificate.id()
                    + "，或 GET " + verificationPath + "\n签名 " + CertificateSigner.ALGORITHM + " ("
                    + certificate.keyId() + ")：" + certificate.signature(), small);
            document.add(sig);
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("certificate " + certificate.id() + " cannot be rendered", e);
        } finally {
            if (document.isOpen()) {
                document.close();
            }
        }
        return out.toByteArray();
    }

    /** A quantity in whole tonnes with thousands separators; anything else as it is. */
    static String tonnes(JsonNode value) {
        return value.canConvertToExactIntegral() ? String.format("%,d", value.asLong()) : value.asText();
    }

    private static void row(PdfPTable table, Font font, String label, String value) {
        table.addCell(new Paragraph(label, font));
        table.addCell(new Paragraph(value, font));
    }
}

package cn.carbon.surrender.certificates;

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

/** The 履约证明 as a one-page PDF: the signed payload's fields, the signature and where to verify it. */
public final class CertificatePdf {

    private CertificatePdf() {
    }

    public static byte[] render(Certificates.Certificate certificate, JsonNode p, String verificationPath) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 56, 56, 64, 56);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setCompressionLevel(0);
            // Adobe's CJK font (not embedded): readers supply it, so the Chinese names print
            BaseFont cjk = BaseFont.createFont("STSong-Light", "UniGB-UCS2-H", BaseFont.NOT_EMBEDDED);
            Font title = new Font(cjk, 20, Font.BOLD);
            Font body = new Font(cjk, 11);
            Font latin = new Font(Font.HELVETICA, 11);
            Font small = new Font(Font.HELVETICA, 8);
            document.addTitle("履约证明 " + certificate.id());
            document.open();
            Paragraph heading = new Paragraph("履约证明\nCertificate of compliance", title);
            heading.setAlignment(Element.ALIGN_CENTER);
            heading.setSpacingAfter(18);
            document.add(heading);
            Fonts fonts = new Fonts(body, latin);
            PdfPTable table = new PdfPTable(new float[]{2, 3});
            table.setWidthPercentage(100);
            row(table, fonts, "证明编号 Certificate no.", p.path("certificateId").asText());
            row(table, fonts, "重点排放单位 Entity", p.path("entityName").asText());
            row(table, fonts, "统一社会信用代码 USCC", p.path("uscc").asText());
            row(table, fonts, "省份 Province", p.path("provinceCode").asText());
            row(table, fonts, "履约年度 Compliance year", p.path("complianceYear").asText() + " (" + p.path("cycle").asText() + ")");
            row(table, fonts, "应清缴配额量 Obligation (t)", p.path("obligationT").asText());
            row(table, fonts, "已清缴配额量 Surrendered (t)", p.path("surrenderedT").asText());
            row(table, fonts, "其中预支配额 of which borrowed (t)", p.path("borrowedUsedT").asText());
            row(table, fonts, "CCER 抵销 Offset (t)", p.path("offsetT").asText());
            row(table, fonts, "状态 Status", p.path("status").asText());
            row(table, fonts, "完成时间 Completed at", p.path("completedAt").asText());
            row(table, fonts, "出具时间 Issued at", p.path("issuedAt").asText());
            row(table, fonts, "出具机构 Issuer", p.path("issuer").asText());
            row(table, fonts, "规则 Rulebook", p.path("rulebook").asText());
            document.add(table);
            Paragraph sig = new Paragraph("\n" + CertificateSigner.ALGORITHM + " (" + certificate.keyId() + "): "
                    + certificate.signature() + "\nVerify: " + verificationPath, small);
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

    /** CJK text in the CJK font; plain ASCII (ids, figures) in Helvetica, so it stays searchable as text. */
    private record Fonts(Font cjk, Font latin) {
        Font of(String text) {
            return text.chars().allMatch(c -> c < 128) ? latin : cjk;
        }
    }

    private static void row(PdfPTable table, Fonts fonts, String label, String value) {
        table.addCell(new Paragraph(label, fonts.cjk()));
        table.addCell(new Paragraph(value, fonts.of(value)));
    }
}

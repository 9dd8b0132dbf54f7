package cn.carbon.allocation.tables;

import cn.carbon.allocation.compliance.ComplianceRecords;
import cn.carbon.allocation.entity.KeyEmittingEntity;
import cn.carbon.allocation.issuance.AllocationViews;
import cn.carbon.allocation.issuance.EntityAllocation;
import cn.carbon.contracts.rulebook.ComplianceTarget;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.platform.metrics.SigningFailures;
import cn.carbon.platform.security.SigningKeys;
import cn.carbon.platform.web.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds and signs the 履约通知书 of an entity whose every compliance year is verified. The verification code is the
 * HMAC-SHA256 of the content's JSON: the same figures give the same code; any changed figure another.
 */
// created at start: its signing key is checked then, and its signing-failure counter is scraped at 0 from the first scrape
@Startup
@ApplicationScoped
public class ComplianceNotices {

    public static final String ALGORITHM = "HmacSHA256";
    /** The local stack's key in application.properties: never accepted outside the local and test profiles. */
    static final Set<String> COMMITTED_DEFAULTS = Set.of("local-stack-notice-key-not-for-production");

    private final AllocationViews views;
    private final ComplianceRecords compliance;
    private final ObjectMapper json;
    private final byte[] key;
    private final Counter failed;

    public ComplianceNotices(AllocationViews views, ComplianceRecords compliance, ObjectMapper json,
                             @ConfigProperty(name = "carbon.notice.signing-key") Optional<String> key,
                             SigningFailures failures) {
        this.views = views;
        this.compliance = compliance;
        this.json = json;
        // checked at start (@Startup): outside the local and test profiles only a key from the Secret will do
        this.key = SigningKeys.require("carbon.notice.signing-key", key, COMMITTED_DEFAULTS)
                .orElseThrow(() -> new IllegalStateException("carbon.notice.signing-key is not set"))
                .getBytes(StandardCharsets.UTF_8);
        this.failed = failures.of("notice");
    }

    public ComplianceNotice notice(Rulebook rb, KeyEmittingEntity e) {
        EntityAllocation a = views.entity(rb, e);
        Map<Integer, ComplianceRecords.Record> records = compliance.ofEntity(rb.cycle(), e.uscc);
        List<ComplianceNotice.Year> years = new ArrayList<>();
        List<ComplianceNotice.Compliance> compliance = new ArrayList<>();
        String destination = null;
        String rulebookId = null;
        int rulebookVersion = 0;
        for (EntityAllocation.Year y : a.years()) {
            EntityAllocation.Verification v = y.verification();
            if (v == null) {
                throw ProblemException.conflict("not-verified", "Not verified yet",
                        "the compliance notice of " + e.uscc + " needs every year verified; " + y.year() + " is not");
            }
            destination = v.destination();
            if (v.rulebook().version() >= rulebookVersion) {
                rulebookId = v.rulebook().id();
                rulebookVersion = v.rulebook().version();
            }
            years.add(new ComplianceNotice.Year(y.year(), y.vintage(), v.verifiedEmissionsT(), v.obligationT(),
                    v.obligationExempt(), y.preAllocation() == null ? 0 : y.preAllocation().preAllocatedT(),
                    v.verifiedAllocationT(), v.reliefT(), y.issuedT(), v.destination(), v.ccerCapT(), y.borrowedT(),
                    rb.vintages().eligible().get(y.year()).value()));
            ComplianceRecords.Record r = records.get(y.year());
            compliance.add(r == null ? new ComplianceNotice.Compliance(y.year(), null, null, null)
                    : new ComplianceNotice.Compliance(y.year(), r.status(), r.surrenderedT(), r.asOf().toString()));
        }
        ComplianceTarget last = rb.complianceTargets().value().stream()
                .max(Comparator.comparing(ComplianceTarget::shareOfEntities)).orElseThrow();
        ComplianceNotice.Content content = new ComplianceNotice.Content("LYTZ-" + rb.cycle() + "-" + e.uscc, rb.cycle(),
                e.uscc, e.name, e.provinceCode, e.status.name(), destination, List.copyOf(years),
                rb.deadline(last.deadline()).date().value().toString(), rulebookId, rulebookVersion);
        return new ComplianceNotice(content, code(content), ALGORITHM, List.copyOf(compliance), null);
    }

    /** Whether {@code code} is the code of {@code content} (constant-time comparison). */
    public boolean genuine(ComplianceNotice.Content content, String code) {
        return code != null && MessageDigest.isEqual(code(content).getBytes(StandardCharsets.US_ASCII),
                code.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    String code(ComplianceNotice.Content content) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(json.writeValueAsBytes(content)));
        } catch (GeneralSecurityException | JsonProcessingException e) {
            failed.increment();
            throw new IllegalStateException("cannot sign the compliance notice", e);
        }
    }
}

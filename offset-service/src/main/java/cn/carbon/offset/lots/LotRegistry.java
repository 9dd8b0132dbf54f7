package cn.carbon.offset.lots;

import cn.carbon.platform.directory.KnownEntity;
import cn.carbon.platform.time.BusinessClock;
import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Records the CCER lots the CCER registry froze for offset (待抵销), as the registry reports them. Facts only:
 * whether a lot may offset is judged when an application uses it ({@link CcerEligibility}), under the rulebook of
 * the application's cycle.
 */
@ApplicationScoped
public class LotRegistry {

    /** No "/" in a lot id: "/" separates a lot from its cancelled parts. */
    static final Pattern LOT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final List<String> SCHEMES = Arrays.stream(CcerScheme.values()).map(Enum::name).toList();

    private final BusinessClock clock;

    public LotRegistry(BusinessClock clock) {
        this.clock = clock;
    }

    public record Registration(String lotId, String uscc, String projectId, String projectName, String projectType,
                               Long quantityT, Boolean insideNationalEtsCoverage, LocalDate filedOn,
                               Boolean firstCycleCancelledUnused, String firstCycleCancellationRef,
                               String scheme) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public CcerLot register(Registration r, String registeredBy) {
        validate(r);
        KnownEntity entity = KnownEntity.findById(r.uscc());
        if (entity == null) {
            throw ProblemException.unprocessable("unknown-entity", "Unknown entity",
                    "no key emitting entity " + r.uscc() + " is known to the offset service",
                    List.of(Problem.FieldError.field("uscc", "no such key emitting entity")));
        }
        if (CcerLot.findById(r.lotId()) != null) {
            throw ProblemException.conflict("lot-exists", "Lot already registered",
                    "CCER lot " + r.lotId() + " is already registered");
        }
        CcerLot lot = new CcerLot();
        lot.lotId = r.lotId();
        lot.uscc = r.uscc();
        lot.provinceCode = entity.provinceCode;
        lot.projectId = r.projectId().strip();
        lot.projectName = r.projectName() == null || r.projectName().isBlank() ? null : r.projectName().strip();
        lot.projectType = r.projectType().strip();
        lot.quantityT = r.quantityT();
        lot.insideNationalEtsCoverage = r.insideNationalEtsCoverage();
        lot.scheme = scheme(r);
        lot.filedOn = r.filedOn();
        lot.firstCycleCancelledUnused = Boolean.TRUE.equals(r.firstCycleCancelledUnused());
        lot.firstCycleCancellationRef = lot.firstCycleCancelledUnused ? r.firstCycleCancellationRef().strip() : null;
        lot.registeredBy = registeredBy;
        lot.registeredAt = clock.instant();
        lot.persist();
        return lot;
    }

    private static void validate(Registration r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.lotId() == null || !LOT_ID.matcher(r.lotId()).matches()) {
            errors.add(Problem.FieldError.field("lotId", "1-64 letters, digits, '.', '_', ':' or '-'"));
        }
        if (r.uscc() == null || r.uscc().isBlank()) {
            errors.add(Problem.FieldError.field("uscc", "is required"));
        }
        text(errors, "projectId", r.projectId(), true, 100);
        text(errors, "projectName", r.projectName(), false, 200);
        text(errors, "projectType", r.projectType(), true, 100);
        if (r.quantityT() == null || r.quantityT() <= 0) {
            errors.add(Problem.FieldError.field("quantityT", "must be a whole number of tonnes above 0"));
        }
        if (r.insideNationalEtsCoverage() == null) {
            errors.add(Problem.FieldError.field("insideNationalEtsCoverage", "is required (true or false)"));
        }
        if (r.filedOn() == null) {
            errors.add(Problem.FieldError.field("filedOn",
                    "is required (old CCER: the project's filing date; new CCER: the registration date)"));
        }
        if (r.scheme() != null && !SCHEMES.contains(r.scheme())) {
            errors.add(Problem.FieldError.field("scheme", "must be one of " + SCHEMES + " (absent = OLD_CCER)"));
        }
        if (Boolean.TRUE.equals(r.firstCycleCancelledUnused())) {
            text(errors, "firstCycleCancellationRef", r.firstCycleCancellationRef(), true, 200);
            if (CcerScheme.NEW_CCER.name().equals(r.scheme())) {
                errors.add(Problem.FieldError.field("firstCycleCancelledUnused",
                        "first-cycle leftovers are old CCER; a NEW_CCER lot cannot be one"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** Absent = old CCER: every client written before the new scheme registers old lots. */
    private static CcerScheme scheme(Registration r) {
        return r.scheme() == null ? CcerScheme.OLD_CCER : CcerScheme.valueOf(r.scheme());
    }

    private static void text(List<Problem.FieldError> errors, String field, String value, boolean required, int max) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(Problem.FieldError.field(field, "is required"));
            }
        } else if (value.length() > max) {
            errors.add(Problem.FieldError.field(field, "at most " + max + " characters"));
        }
    }
}

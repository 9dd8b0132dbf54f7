package cn.carbon.allocation.units;

import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;

import java.util.List;

/** An import with at least one bad row: nothing was stored; every bad row is named (422). */
public class UnitDataRejected extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final transient List<UnitRowError> rowErrors;

    public UnitDataRejected(List<UnitRowError> rowErrors, int badRows, boolean truncated) {
        super(422, "invalid-unit-data", "Unit data rejected",
                badRows + (badRows == 1 ? " row is" : " rows are") + " invalid; nothing was imported"
                        + (truncated ? " (only the first " + rowErrors.size() + " errors are listed)" : ""),
                rowErrors.stream().map(e -> new Problem.FieldError(e.row(), e.column(), e.message())).toList());
        this.rowErrors = List.copyOf(rowErrors);
    }

    public List<UnitRowError> rowErrors() {
        return rowErrors;
    }
}

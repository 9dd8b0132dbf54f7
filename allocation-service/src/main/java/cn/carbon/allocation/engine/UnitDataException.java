package cn.carbon.allocation.engine;

/** Unit data the engine cannot compute with; names the unit and the field. */
public class UnitDataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String unitId;
    private final String field;

    public UnitDataException(String unitId, String field, String message) {
        super("unit " + unitId + ", " + field + ": " + message);
        this.unitId = unitId;
        this.field = field;
    }

    public String unitId() {
        return unitId;
    }

    public String field() {
        return field;
    }
}

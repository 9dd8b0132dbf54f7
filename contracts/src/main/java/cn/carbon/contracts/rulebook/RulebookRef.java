package cn.carbon.contracts.rulebook;

/** The rulebook a computed figure was computed with: its id and version. */
public record RulebookRef(String id, int version) {

    @Override
    public String toString() {
        return id + "@v" + version;
    }
}

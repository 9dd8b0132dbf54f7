package cn.carbon.contracts.rulebook;

/**
 * Who sends the 履约通知书 (rulebook {@code complianceNoticeSender}, notice §一): one sender for an operating entity,
 * one for a special-situation entity (any other status).
 */
public record NoticeSenders(Sender operating, Sender special) {

    public enum Sender {
        REGISTRY,
        PROVINCE;

        /** The platform role of this sender ({@code registry}, {@code province}). */
        public String role() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Sender of(boolean operatingEntity) {
        return operatingEntity ? operating : special;
    }
}

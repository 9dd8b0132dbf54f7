package cn.carbon.platform.web;

/**
 * Text the services store or echo must not carry control characters: PostgreSQL refuses NUL outright and the others
 * only hide text from the people who read it. Bodies may keep tab and line breaks (notes, reasons); query and path
 * values may not.
 */
public final class ControlCharacters {

    public static final String MESSAGE = "must not contain control characters";

    private ControlCharacters() {
    }

    /** Index of the first forbidden character, or -1. */
    public static int find(String text, boolean lineBreaksAllowed) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 ? !(lineBreaksAllowed && (c == '\t' || c == '\n' || c == '\r')) : c == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    /** Body text: tab, CR and LF allowed. */
    public static boolean inBody(String text) {
        return find(text, true) >= 0;
    }

    /** Query and path values: no control character at all. */
    public static boolean inParameter(String text) {
        return find(text, false) >= 0;
    }
}

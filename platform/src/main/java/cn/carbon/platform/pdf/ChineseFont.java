package cn.carbon.platform.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The font of every Chinese document (履约通知书, 履约证明): Noto Sans SC Regular (SIL Open Font License 1.1, TrueType
 * outlines), which the build takes from the npm package {@code @expo-google-fonts/noto-sans-sc} (platform/pom.xml). A
 * PDF embeds the subset of glyphs it uses, so that it reads the same on every machine, the entity's name included.
 */
public final class ChineseFont {

    /** The file name a PDF library is given with the bytes (it tells the library the font is TrueType). */
    public static final String NAME = "NotoSansSC-Regular.ttf";
    private static final String RESOURCE = "cn/carbon/platform/pdf/NotoSansSC_400Regular.ttf";
    private static volatile byte[] bytes;

    private ChineseFont() {
    }

    /** The font file, read once from the classpath. */
    public static byte[] bytes() {
        byte[] loaded = bytes;
        if (loaded == null) {
            synchronized (ChineseFont.class) {
                if (bytes == null) {
                    bytes = read();
                }
                loaded = bytes;
            }
        }
        return loaded;
    }

    private static byte[] read() {
        try (InputStream in = ChineseFont.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: the platform module's build puts it there");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package cn.carbon.console;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The console's words: {@code console/messages.properties} in zh-CN (the default, what people read first) and
 * {@code console/messages_en.properties} for the English switch; a key the English file lacks falls back to Chinese.
 */
@ApplicationScoped
public class Messages {

    public static final String ZH = "zh-CN";
    public static final String EN = "en";

    private final Map<String, String> zh;
    private final Map<String, String> en;

    public Messages() {
        zh = Collections.unmodifiableMap(load("console/messages.properties"));
        Map<String, String> english = new HashMap<>(zh);
        english.putAll(load("console/messages_en.properties"));
        en = Collections.unmodifiableMap(english);
    }

    /** The words of a language: {@link #EN}, anything else is zh-CN. */
    public Map<String, String> of(String lang) {
        return EN.equals(lang) ? en : zh;
    }

    public String get(String lang, String key) {
        return of(lang).getOrDefault(key, key);
    }

    /** The language of a request: its {@code carbon_lang} cookie if it names one we have, else Chinese. */
    public static String lang(String cookie) {
        return EN.equals(cookie) ? EN : ZH;
    }

    private static Map<String, String> load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new HashMap<>();
        properties.forEach((k, v) -> map.put(k.toString(), v.toString()));
        return map;
    }
}

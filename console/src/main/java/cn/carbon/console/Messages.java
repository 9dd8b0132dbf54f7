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
    private final Map<String, Map<String, String>> zhGroups;
    private final Map<String, Map<String, String>> enGroups;

    public Messages() {
        zh = Collections.unmodifiableMap(load("console/messages.properties"));
        Map<String, String> english = new HashMap<>(zh);
        english.putAll(load("console/messages_en.properties"));
        en = Collections.unmodifiableMap(english);
        zhGroups = group(zh);
        enGroups = group(en);
    }

    private static Map<String, Map<String, String>> group(Map<String, String> words) {
        Map<String, Map<String, String>> groups = new HashMap<>();
        words.forEach((key, word) -> {
            int dot = key.indexOf('.');
            if (dot > 0) {
                groups.computeIfAbsent(key.substring(0, dot), g -> new HashMap<>()).put(key.substring(dot + 1), word);
            }
        });
        groups.replaceAll((g, m) -> Collections.unmodifiableMap(m));
        return Collections.unmodifiableMap(groups);
    }

    /** The words of a language: {@link #EN}, anything else is zh-CN. */
    public Map<String, String> of(String lang) {
        return EN.equals(lang) ? en : zh;
    }

    /**
     * The words grouped by the key's first segment, for templates that look a word up by a code:
     * {@code g.status.get(row.status)} for {@code status.OPERATING}.
     */
    public Map<String, Map<String, String>> groups(String lang) {
        return EN.equals(lang) ? enGroups : zhGroups;
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

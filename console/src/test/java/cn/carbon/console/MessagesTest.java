package cn.carbon.console;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every word a template asks for exists in Chinese, the English file names no key the Chinese one lacks, and no bundle
 * names a key twice.
 */
class MessagesTest {

    private static final Pattern WORD = Pattern.compile("\\{m\\.([a-z_]+)\\}|m\\.get\\('([A-Za-z0-9_.-]+)'\\)");

    @Test
    void everyWordOfTheTemplatesIsInTheChineseBundle() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher matcher = WORD.matcher(Files.readString(file));
                while (matcher.find()) {
                    used.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(40);
        assertThat(new Messages().of(Messages.ZH).keySet()).containsAll(used);
        // words looked up by a code: g.<group>.get(code)
        Set<String> groups = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher matcher = Pattern.compile("\\bg\\.([a-z_]+)\\.get\\(").matcher(Files.readString(file));
                while (matcher.find()) {
                    groups.add(matcher.group(1));
                }
            }
        }
        assertThat(groups).contains("status", "compliance", "run", "run_submit", "job", "jobkind", "province");
        assertThat(new Messages().groups(Messages.ZH).keySet()).containsAll(groups);
        assertThat(new Messages().groups(Messages.ZH).get("status")).containsEntry("OPERATING", "正常运营");
        assertThat(new Messages().groups(Messages.ZH).get("run_submit")).containsKeys("pre-allocation", "verification");
    }

    @Test
    void noBundleNamesAKeyTwice() throws IOException {
        // java.util.Properties keeps the last of two equal keys silently: one page's heading would show another's
        for (String bundle : java.util.List.of("messages.properties", "messages_en.properties")) {
            Set<String> seen = new TreeSet<>();
            Set<String> twice = new TreeSet<>();
            for (String line : Files.readAllLines(Path.of("src/main/resources/console", bundle))) {
                int eq = line.indexOf('=');
                if (line.isBlank() || line.startsWith("#") || eq < 0) {
                    continue;
                }
                String key = line.substring(0, eq).strip();
                if (!seen.add(key)) {
                    twice.add(key);
                }
            }
            assertThat(twice).as(bundle).isEmpty();
            assertThat(seen).as(bundle).hasSizeGreaterThan(100);
        }
    }

    @Test
    void englishHasNoKeyChineseLacksAndTheOfficialTableNamesStayChinese() {
        Messages messages = new Messages();
        assertThat(messages.of(Messages.ZH).keySet()).containsAll(messages.of(Messages.EN).keySet());
        assertThat(messages.get(Messages.ZH, "table.unit-allowances")).isEqualTo("机组核定配额明细表");
        assertThat(messages.get(Messages.ZH, "table.issuance-summary")).isEqualTo("核定配额实际发放汇总表");
        assertThat(messages.get(Messages.ZH, "table.special-list")).isEqualTo("需特殊说明的事项");
        assertThat(messages.get(Messages.EN, "table.issuance-summary")).contains("核定配额实际发放汇总表");
        assertThat(Messages.lang("en")).isEqualTo(Messages.EN);
        assertThat(Messages.lang("fr")).isEqualTo(Messages.ZH);
        assertThat(Messages.lang(null)).isEqualTo(Messages.ZH);
    }
}

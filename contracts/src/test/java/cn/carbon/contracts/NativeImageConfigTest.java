package cn.carbon.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native-image metadata this jar ships (META-INF/native-image/cn.carbon/carbon-contracts) against what the jar holds:
 * every event record is mapped by Jackson through reflection in every service, and the catalogue, schemas and
 * rulebooks are read as resources. A record or a resource added without its entry would be missing from a native
 * image only at run time; here it fails the build.
 */
class NativeImageConfigTest {

    private static final String META = "META-INF/native-image/cn.carbon/carbon-contracts/";
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyEventRecordIsRegisteredForReflectionWithWhatJacksonUses() throws Exception {
        Set<String> registered = new TreeSet<>();
        for (JsonNode entry : read("reflect-config.json")) {
            assertThat(entry.path("allDeclaredConstructors").asBoolean()
                    && entry.path("allDeclaredMethods").asBoolean() && entry.path("allDeclaredFields").asBoolean())
                    .as("constructors, accessors and fields of %s", entry.path("name").asText()).isTrue();
            registered.add(entry.path("name").asText());
        }
        assertThat(registered).isEqualTo(recordsOfThePackage());
    }

    @Test
    void everyResourceOfTheJarIsIncluded() throws Exception {
        List<Pattern> includes = new ArrayList<>();
        read("resource-config.json").path("resources").path("includes")
                .forEach(p -> includes.add(Pattern.compile(p.path("pattern").asText())));
        Path classes = classesRoot();
        List<String> resources;
        try (Stream<Path> files = Files.walk(classes.resolve("carbon"))) {
            resources = files.filter(Files::isRegularFile).map(p -> classes.relativize(p).toString().replace('\\', '/'))
                    .toList();
        }
        assertThat(resources).contains("carbon/topics.json", "carbon/rulebooks/SHIPPED");
        assertThat(resources).allSatisfy(r ->
                assertThat(includes).as("a pattern including %s", r).anyMatch(p -> p.matcher(r).matches()));
    }

    /** The records of {@code cn.carbon.contracts} and those nested in them (the rulebook's records are not mapped by Jackson). */
    private static Set<String> recordsOfThePackage() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = classesRoot().resolve("cn/carbon/contracts");
        Set<String> records = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = "cn.carbon.contracts." + f.getFileName().toString().replace(".class", "");
                if (Class.forName(name).isRecord()) {
                    records.add(name);
                }
            }
        }
        return records;
    }

    private static Path classesRoot() throws URISyntaxException {
        return Path.of(EventEnvelope.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private JsonNode read(String file) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(META + file)) {
            assertThat(in).as(META + file).isNotNull();
            return json.readTree(in);
        }
    }
}

package cn.carbon.risk.rulebook;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the rulebook named by {@code carbon.risk.rulebook} at start: {@code classpath:…} for the shipped file, or a
 * file path for one the registry handed over (replace the file and restart; nothing is a Java constant).
 */
@ApplicationScoped
public class RulebookSource {

    private final RiskRulebook rulebook;

    public RulebookSource(@ConfigProperty(name = "carbon.risk.rulebook") String location, ObjectMapper json) {
        this.rulebook = load(location, json);
    }

    public static RiskRulebook load(String location, ObjectMapper json) {
        try (InputStream in = open(location)) {
            return RiskRulebook.read(in, json);
        } catch (IOException e) {
            throw new UncheckedIOException("rulebook " + location + " cannot be read", e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
            if (in == null) {
                in = RulebookSource.class.getClassLoader().getResourceAsStream(resource);
            }
            if (in == null) {
                throw new IOException("no classpath resource " + resource);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }

    @Produces
    @Singleton
    RiskRulebook rulebook() {
        return rulebook;
    }
}

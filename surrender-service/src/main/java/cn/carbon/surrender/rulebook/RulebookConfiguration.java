package cn.carbon.surrender.rulebook;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/** Loads the rulebooks named by {@code surrender.rulebooks} once at start (replace the file to change a rule). */
public class RulebookConfiguration {

    @Produces
    @Singleton
    Rulebooks rulebooks(@ConfigProperty(name = "surrender.rulebooks") List<String> locations) {
        return Rulebooks.of(locations.toArray(String[]::new));
    }
}

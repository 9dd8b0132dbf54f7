package cn.carbon.surrender.rulebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and checks a rulebook file; a file that contradicts itself is refused whole. */
public final class RulebookLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RulebookLoader() {
    }

    /** {@code classpath:rulebook/2021-2022.json} or a file path. */
    public static Rulebook load(String location) {
        try (InputStream in = open(location)) {
            return parse(JSON.readTree(in), location);
        } catch (IOException e) {
            throw new UncheckedIOException("rulebook " + location + " cannot be read", e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length());
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
            if (in == null) {
                in = RulebookLoader.class.getClassLoader().getResourceAsStream(name);
            }
            if (in == null) {
                throw new IOException("no classpath resource " + name);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }

    static Rulebook parse(JsonNode root, String location) {
        String id = text(root, "rulebookId", location);
        int version = root.path("version").asInt(0);
        if (version < 1) {
            throw invalid(location, "version must be 1 or more");
        }
        String cycle = text(root, "cycle", location);
        ZoneId zone = ZoneId.of(text(root, "timeZone", location));
        List<Integer> years = new ArrayList<>();
        root.path("complianceYears").forEach(y -> years.add(y.asInt()));
        if (years.isEmpty()) {
            throw invalid(location, "complianceYears is empty");
        }
        JsonNode v = root.path("vintages");
        List<String> known = new ArrayList<>();
        v.path("known").forEach(n -> known.add(n.asText()));
        Set<String> borrowedOnly = new LinkedHashSet<>();
        v.path("borrowedOnly").forEach(n -> borrowedOnly.add(n.asText()));
        Map<Integer, String> own = new LinkedHashMap<>();
        Map<Integer, List<String>> eligible = new LinkedHashMap<>();
        for (int year : years) {
            String ownVintage = v.path("allocation").path(String.valueOf(year)).asText(null);
            if (ownVintage == null || !known.contains(ownVintage)) {
                throw invalid(location, "vintages.allocation." + year + " names no known vintage");
            }
            own.put(year, ownVintage);
            List<String> list = new ArrayList<>();
            v.path("eligible").path(String.valueOf(year)).forEach(n -> list.add(n.asText()));
            for (String e : list) {
                if (!known.contains(e) || borrowedOnly.contains(e)) {
                    throw invalid(location, "vintages.eligible." + year + " lists " + e + ", not a known freely usable vintage");
                }
            }
            eligible.put(year, List.copyOf(list));
        }
        if (!known.containsAll(borrowedOnly)) {
            throw invalid(location, "vintages.borrowedOnly lists an unknown vintage");
        }
        Map<String, LocalDate> deadlines = new LinkedHashMap<>();
        root.path("deadlines").fields().forEachRemaining(e -> {
            if (!e.getKey().equals("source")) {
                deadlines.put(e.getKey(), LocalDate.parse(e.getValue().asText()));
            }
        });
        if (!deadlines.containsKey(Rulebook.COMPLIANCE_DEADLINE)) {
            throw invalid(location, "deadlines.complianceDeadline is missing");
        }
        List<Rulebook.Target> targets = new ArrayList<>();
        root.path("complianceTargets").forEach(t -> {
            LocalDate date = deadlines.get(t.path("deadline").asText());
            if (date == null) {
                throw invalid(location, "complianceTargets names unknown deadline " + t.path("deadline").asText());
            }
            targets.add(new Rulebook.Target(t.path("deadline").asText(), date, t.path("shareOfEntities").asDouble()));
        });
        return new Rulebook(id, version, cycle, zone, List.copyOf(years), List.copyOf(known), Map.copyOf(own),
                Map.copyOf(eligible), Set.copyOf(borrowedOnly), Map.copyOf(deadlines), List.copyOf(targets));
    }

    private static String text(JsonNode root, String field, String location) {
        String value = root.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw invalid(location, field + " is missing");
        }
        return value;
    }

    private static IllegalArgumentException invalid(String location, String message) {
        return new IllegalArgumentException("rulebook " + location + ": " + message);
    }
}

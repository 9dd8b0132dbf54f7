package cn.carbon.bench.season;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} and {@code --flag} options, and the positional rest. */
public final class Args {

    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    public Args(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                String name = a.substring(2);
                int eq = name.indexOf('=');
                if (eq > 0) {
                    options.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    options.put(name, args[++i]);
                } else {
                    options.put(name, "true");
                }
            } else {
                positional.add(a);
            }
        }
    }

    public String get(String name, String fallback) {
        String v = options.get(name);
        if (v == null) {
            v = System.getenv("SEASON_" + name.toUpperCase().replace('-', '_'));
        }
        return v == null ? fallback : v;
    }

    public double number(String name, double fallback) {
        return Double.parseDouble(get(name, String.valueOf(fallback)));
    }

    public long integer(String name, long fallback) {
        return Long.parseLong(get(name, String.valueOf(fallback)));
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(get(name, "false"));
    }

    public List<String> positional() {
        return positional;
    }
}

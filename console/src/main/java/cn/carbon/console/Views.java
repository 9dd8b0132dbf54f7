package cn.carbon.console;

import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;

import java.util.Map;

/** A page: its template with what every page shows (the words in the user's language, who is signed in, the cycle). */
@RequestScoped
public class Views {

    public static final String LANG_COOKIE = "carbon_lang";

    private final Engine engine;
    private final Messages messages;
    private final ConsoleUser user;
    private final HttpServerRequest request;
    private final ConsoleCycles cycles;

    public Views(Engine engine, Messages messages, ConsoleUser user, HttpServerRequest request, ConsoleCycles cycles) {
        this.engine = engine;
        this.messages = messages;
        this.user = user;
        this.request = request;
        this.cycles = cycles;
    }

    public TemplateInstance page(String template) {
        return engine.getTemplate(template).instance()
                .data("m", words())
                .data("g", messages.groups(lang()))
                .data("lang", lang())
                .data("user", user)
                .data("cycle", cycle())
                .data("cycles", cycles.offered())
                .data("provinceName", user.signedIn() && user.provinceCode() != null
                        ? words().getOrDefault("province." + user.provinceCode(), user.provinceCode()) : null)
                .data("back", java.net.URLEncoder.encode(request.uri(), java.nio.charset.StandardCharsets.UTF_8))
                .data("backPath", request.uri());
    }

    public String lang() {
        Cookie cookie = request.getCookie(LANG_COOKIE);
        return Messages.lang(cookie == null ? null : cookie.getValue());
    }

    public Map<String, String> words() {
        return messages.of(lang());
    }

    public String word(String key) {
        return messages.get(lang(), key);
    }

    /** The cycle the user picked in the header (a cookie), else the configured one. */
    public String cycle() {
        Cookie cookie = request.getCookie(ConsoleCycles.COOKIE);
        return cycles.chosen(cookie == null ? null : cookie.getValue());
    }

    /** A cycle a page was asked for ({@code ?cycle=}) when the console offers it, else the one the user picked. */
    public String cycle(String asked) {
        return cycles.offers(asked) ? asked : cycle();
    }

    /** The compliance years of the cycle shown. */
    public java.util.List<String> cycleYears() {
        return ConsoleCycles.years(cycle());
    }
}

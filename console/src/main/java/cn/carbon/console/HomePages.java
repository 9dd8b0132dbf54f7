package cn.carbon.console;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** The way in: the landing page, signing in (to the home of the user's role), the language and cycle switches. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePages {

    private final ConsoleUser user;
    private final Views views;
    private final ConsoleCycles cycles;

    public HomePages(ConsoleUser user, Views views, ConsoleCycles cycles) {
        this.user = user;
        this.views = views;
        this.cycles = cycles;
    }

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/console/")).build();
    }

    @GET
    @Path("/console/")
    public Response landing() {
        if (user.signedIn()) {
            return Response.seeOther(URI.create(home(user.role()))).build();
        }
        return Response.ok(views.page("landing")).build();
    }

    /** Protected: a signed-out visitor is sent to Keycloak (authorization code with PKCE) and comes back here. */
    @GET
    @Path("/console/signin")
    @Authenticated
    public Response signIn() {
        return Response.seeOther(URI.create(home(user.role()))).build();
    }

    /** Sets the language cookie and goes back to the page the user was on (only a console page). */
    @GET
    @Path("/console/lang")
    public Response lang(@QueryParam("to") String to, @QueryParam("back") String back) {
        return Response.seeOther(URI.create(consolePage(back))).cookie(preference(Views.LANG_COOKIE, Messages.lang(to)))
                .build();
    }

    /**
     * Sets the cycle every page shows (the header's picker) and goes back; a cycle the console does not offer is a 400
     * naming it, and the cookie stays as it was.
     */
    @GET
    @Path("/console/cycle")
    public Response cycle(@QueryParam("to") String to, @QueryParam("back") String back) {
        if (!cycles.offers(to)) {
            Problems.Shown problem = new Problems.Shown(400, "unknown-cycle", views.word("problem.unknown-cycle"),
                    "to=" + (to == null ? "" : to.length() > 20 ? to.substring(0, 20) + "…" : to) + " · "
                            + String.join(", ", cycles.offered()), java.util.List.of());
            return Response.status(400).entity(views.page("problem").data("problem", problem))
                    .type("text/html;charset=UTF-8").build();
        }
        return Response.seeOther(URI.create(consolePage(back))).cookie(preference(ConsoleCycles.COOKIE, to)).build();
    }

    /** Only back to a console page of this site, never elsewhere. */
    private static String consolePage(String back) {
        return back != null && back.startsWith("/console/") && !back.startsWith("//") ? back : "/console/";
    }

    private static NewCookie preference(String name, String value) {
        return new NewCookie.Builder(name).value(value).path("/console").maxAge(365 * 24 * 3600)
                .httpOnly(true).secure(true).sameSite(NewCookie.SameSite.LAX).build();
    }

    static String home(String role) {
        if (role == null) {
            return "/console/public";
        }
        return switch (role) {
            case "province" -> "/console/province";
            case "entity" -> "/console/entity";
            case "registry", "ministry" -> "/console/national";
            case "exchange" -> "/console/exchange";
            default -> "/console/public";
        };
    }
}

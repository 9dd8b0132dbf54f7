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

/** The way in: the landing page, signing in (to the home of the user's role), and the language switch. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePages {

    private final ConsoleUser user;
    private final Views views;

    public HomePages(ConsoleUser user, Views views) {
        this.user = user;
        this.views = views;
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
        String lang = Messages.lang(to);
        String target = back != null && back.startsWith("/console/") && !back.startsWith("//") ? back : "/console/";
        NewCookie cookie = new NewCookie.Builder(Views.LANG_COOKIE).value(lang).path("/console").maxAge(365 * 24 * 3600)
                .httpOnly(true).secure(true).sameSite(NewCookie.SameSite.LAX).build();
        return Response.seeOther(URI.create(target)).cookie(cookie).build();
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

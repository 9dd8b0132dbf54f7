package cn.carbon.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The browser libraries, served under /console (the one prefix the gateway routes here) from the mvnpm jars Maven
 * resolved: {@code /console/assets/htmx.js} and {@code /console/assets/echarts.js}, and the China map's GeoJSON
 * {@code /console/assets/china.json} from the echarts 4.1.0 webjar.
 */
@Path("/console/assets")
public class Assets {

    /** file name → (mvnpm artifact, path inside its package) */
    private static final Map<String, String[]> FILES = Map.of(
            "htmx.js", new String[] {"htmx.org", "dist/htmx.min.js"},
            "echarts.js", new String[] {"echarts", "dist/echarts.min.js"});

    /** The China map (GeoJSON) of the webjar org.webjars.npm:echarts:4.1.0; ECharts 5 no longer ships maps. */
    static final String CHINA_MAP = "META-INF/resources/webjars/echarts/4.1.0/map/json/china.json";

    @GET
    @Path("/china.json")
    public Response chinaMap() {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(CHINA_MAP);
        if (in == null) {
            return Response.status(404).build();
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(86_400);
        return Response.ok(in, "application/json").cacheControl(cache).build();
    }

    @GET
    @Path("/{file}")
    public Response asset(@PathParam("file") String file) {
        String[] where = FILES.get(file);
        if (where == null) {
            return Response.status(404).build();
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        InputStream in = loader.getResourceAsStream("META-INF/resources/_static/" + where[0] + "/"
                + version(loader, where[0]) + "/" + where[1]);
        if (in == null) {
            return Response.status(404).build();
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(86_400);
        return Response.ok(in, "text/javascript;charset=UTF-8").cacheControl(cache).build();
    }

    /** The version of the mvnpm package on the classpath, from its Maven descriptor. */
    static String version(ClassLoader loader, String artifact) {
        try (InputStream in = loader.getResourceAsStream("META-INF/maven/org.mvnpm/" + artifact + "/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("org.mvnpm:" + artifact + " is not on the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

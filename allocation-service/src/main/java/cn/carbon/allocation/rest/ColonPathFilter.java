package cn.carbon.allocation.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The import path {@code /cycles/{cycle}/units:import} has a colon, which some clients (RestAssured, some proxies)
 * send percent-encoded as {@code %3A}; routing compares the raw path, so the encoded form is decoded before matching.
 */
public class ColonPathFilter {

    private static final Pattern ENCODED_COLON = Pattern.compile("%3[aA]");

    @ServerRequestFilter(preMatching = true, priority = 2)
    public void decodeColon(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String raw = uri.getRawPath();
        if (raw != null && raw.startsWith("/api/allocation/") && ENCODED_COLON.matcher(raw).find()) {
            String path = ENCODED_COLON.matcher(raw).replaceAll(":");
            request.setRequestUri(URI.create(path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
        }
    }
}

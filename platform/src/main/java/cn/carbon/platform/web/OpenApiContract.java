package cn.carbon.platform.web;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.servers.Server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every service's OpenAPI document as client generators and linters (Redocly's recommended rules) expect it: the
 * bearer JWT of the realm declared once and required by every operation, except those marked public with the
 * extension {@value #PUBLIC} (answered without a token: {@code security: []}); an {@code operationId} on every
 * operation, made from its method and path when the code gives none; the problem answers (400, and 401 and 403 where
 * a token is needed); the servers it is reached through.
 */
@OpenApiFilter(stages = {OpenApiFilter.RunStage.BUILD, OpenApiFilter.RunStage.RUNTIME_STARTUP})
public class OpenApiContract implements OASFilter {

    /** Put on an operation (MicroProfile {@code @Extension(name = PUBLIC, value = "true")}) anyone may call. */
    public static final String PUBLIC = "x-carbon-public";
    static final String SCHEME = "SecurityScheme";
    static final List<String> SERVERS = List.of("https://gateway.carbon.internal", "http://127.0.0.1:8080");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getServers() == null || api.getServers().isEmpty()) {
            List<Server> servers = new ArrayList<>();
            servers.add(OASFactory.createServer().url(SERVERS.get(0)).description("the gateway (Kubernetes)"));
            servers.add(OASFactory.createServer().url(SERVERS.get(1)).description("the gateway of the local stack"));
            api.setServers(servers);
        }
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        if (api.getComponents().getSchemas() != null && api.getComponents().getSchemas().get("LocalDateTime") != null) {
            // a LocalDateTime has no offset: not an RFC 3339 date-time (its example would contradict the format)
            api.getComponents().getSchemas().get("LocalDateTime").setFormat(null);
        }
        Map<String, SecurityScheme> schemes = api.getComponents().getSecuritySchemes();
        String scheme = schemes == null || schemes.isEmpty() ? null : schemes.keySet().iterator().next();
        if (scheme == null) {
            scheme = SCHEME;
            api.getComponents().addSecurityScheme(scheme, OASFactory.createSecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                    .description("an access token of the carbon realm (audience carbon-api)"));
        }
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
            Map<PathItem.HttpMethod, Operation> ops = path.getValue().getOperations();
            if (ops == null) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op : ops.entrySet()) {
                Operation o = op.getValue();
                security(o, scheme);
                if (o.getOperationId() == null || o.getOperationId().isBlank() || ids.contains(o.getOperationId())) {
                    o.setOperationId(unique(operationId(op.getKey().name(), path.getKey()), ids));
                }
                ids.add(o.getOperationId());
            }
        }
    }

    private static void security(Operation o, String scheme) {
        boolean isPublic = o.getExtensions() != null && "true".equals(String.valueOf(o.getExtensions().get(PUBLIC)));
        problem(o, "400", "a malformed request (the problem names the field)");
        if (isPublic) {
            o.setSecurity(new ArrayList<>());
            return;
        }
        problem(o, "401", "no valid bearer token");
        problem(o, "403", "the caller's role may not do this");
        SecurityRequirement required = OASFactory.createSecurityRequirement().addScheme(scheme);
        List<SecurityRequirement> list = new ArrayList<>();
        list.add(required);
        o.setSecurity(list);
    }

    /** Documents an error answer (application/problem+json, RFC 9457) the operation may give, unless it already does. */
    private static void problem(Operation o, String status, String description) {
        if (o.getResponses() == null) {
            o.setResponses(OASFactory.createAPIResponses());
        }
        if (o.getResponses().hasAPIResponse(status)) {
            return;
        }
        o.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.OBJECT)))));
    }

    /** {@code GET /api/allocation/entities/{uscc}/status-history} → {@code getEntitiesByUsccStatusHistory}. */
    static String operationId(String method, String path) {
        StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
        String[] segments = path.split("/");
        int skip = segments.length > 2 && "api".equals(segments[1]) ? 3 : 1; // "", "api", the service's prefix
        for (int i = skip; i < segments.length; i++) {
            String s = segments[i];
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith("{") && s.endsWith("}")) {
                id.append("By");
                s = s.substring(1, s.length() - 1);
            }
            for (String word : s.split("[^A-Za-z0-9]+")) {
                if (!word.isEmpty()) {
                    id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
            }
        }
        return id.toString();
    }

    private static String unique(String id, Set<String> taken) {
        String candidate = id;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = id + n;
        }
        return candidate;
    }
}

package cn.carbon.gateway;

import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** A refused token at the edge is a 401 problem+json, like the services' own answers. */
@ApplicationScoped
public class AuthProblems {

    void install(@Observes Router router) {
        router.route().order(-1).failureHandler(ctx -> {
            Throwable failure = ctx.failure();
            int status;
            if (failure instanceof AuthenticationException || failure instanceof UnauthorizedException) {
                status = 401;
            } else if (failure instanceof ForbiddenException) {
                status = 403;
            } else {
                ctx.next();
                return;
            }
            if (ctx.response().headWritten()) {
                return;
            }
            String title = status == 401 ? "Unauthorized" : "Forbidden";
            String slug = status == 401 ? "unauthorized" : "forbidden";
            if (status == 401) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
            }
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"https://carbon.example/problems/" + slug + "\",\"title\":\"" + title
                            + "\",\"status\":" + status + ",\"detail\":\"a valid bearer token is required\"}");
        });
    }
}

package cn.carbon.console;

import cn.carbon.console.GatewayClient.Answer;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;

/**
 * Turns what a service answered into what the user sees: a page, a download, or the problem in words. A 404 is the
 * one page "未找到" whatever lies behind it (another province's entity included), so existence is not revealed.
 */
@RequestScoped
public class Answers {

    private final Views views;
    private final GatewayClient gateway;

    public Answers(Views views, GatewayClient gateway) {
        this.views = views;
        this.gateway = gateway;
    }

    public Problems.Shown problem(Answer answer) {
        return Problems.read(answer.status(),
                answer.isProblem() ? gateway.json(answer) : gateway.json(new Answer(answer.status(), "", new byte[0], null)),
                views.words());
    }

    /** The error page of a failed read, with the service's status. */
    public Response failed(Answer answer) {
        TemplateInstance page = views.page("problem").data("problem", problem(answer));
        return Response.status(answer.status() == 401 ? 403 : answer.status()).entity(page)
                .type("text/html;charset=UTF-8").build();
    }

    /** A file the service made (CSV, XLSX, PDF), passed to the browser as a download under the service's file name. */
    public Response download(Answer answer, String fallbackName) {
        if (!answer.ok()) {
            return failed(answer);
        }
        String disposition = answer.contentDisposition() != null ? answer.contentDisposition()
                : "attachment; filename=\"" + fallbackName + "\"";
        return Response.ok(answer.body()).type(answer.contentType()).header("Content-Disposition", disposition).build();
    }
}

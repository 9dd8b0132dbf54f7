package cn.carbon.console;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** An unreachable gateway is a page in the user's language with status 502, not a stack trace. */
public class GatewayUnavailableMapper {

    private static final Logger LOG = Logger.getLogger(GatewayUnavailableMapper.class);

    private final Answers answers;

    public GatewayUnavailableMapper(Answers answers) {
        this.answers = answers;
    }

    @ServerExceptionMapper
    public Response unavailable(GatewayClient.GatewayUnavailable e) {
        LOG.warnf("the gateway did not answer: %s", e.getCause() == null ? e.getMessage() : e.getCause().toString());
        return answers.failed(new GatewayClient.Answer(502, "", new byte[0], null));
    }
}

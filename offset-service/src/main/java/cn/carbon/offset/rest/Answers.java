package cn.carbon.offset.rest;

import cn.carbon.platform.web.IdempotentCommands;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** JSON answers of commands, as {@link IdempotentCommands} stores and replays them. */
@ApplicationScoped
public class Answers {

    private final ObjectMapper json;

    public Answers(ObjectMapper json) {
        this.json = json;
    }

    public IdempotentCommands.Answer answer(int status, Object body) {
        return new IdempotentCommands.Answer(status, write(body));
    }

    /** What the idempotency key is bound to: the command (method and path) and its body. */
    public String request(String command, Object body) {
        return command + "\n" + (body == null ? "" : write(body));
    }

    public static Response respond(IdempotentCommands.Answer answer) {
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

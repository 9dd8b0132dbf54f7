package cn.carbon.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code Idempotency-Key} of API.md: a repeat with the same key and body returns the first answer, with another
 * body 422. The key is claimed in the command's own transaction, so concurrent repeats wait for the first to commit
 * (the primary key serialises them) and a rolled-back command leaves the key free.
 */
@ApplicationScoped
public class IdempotentCommands {

    private final EntityManager em;

    public IdempotentCommands(EntityManager em) {
        this.em = em;
    }

    /** An answer to replay: the status and the JSON body of the first execution. */
    public record Answer(int status, String body) {
    }

    /**
     * Runs {@code command} once per (caller, key) inside the current transaction. Without a key it just runs.
     *
     * @param command returns the status and JSON body to store and send
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Answer once(String caller, String key, String requestBody, Supplier<Answer> command) {
        if (key == null || key.isBlank()) {
            return command.get();
        }
        if (key.length() > 200) {
            throw ProblemException.invalid("Idempotency-Key", "at most 200 characters");
        }
        String hash = sha256(requestBody == null ? "" : requestBody);
        int claimed = em.createNativeQuery("insert into idempotent_command (caller, key, request_hash, status) "
                        + "values (?1, ?2, ?3, 0) on conflict do nothing")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, hash).executeUpdate();
        if (claimed == 0) {
            Object[] first = (Object[]) em.createNativeQuery("select request_hash, status, response from idempotent_command "
                            + "where caller = ?1 and key = ?2")
                    .setParameter(1, caller).setParameter(2, key).getSingleResult();
            if (!hash.equals(first[0])) {
                throw ProblemException.unprocessable("idempotency-key-reused", "Idempotency key reused",
                        "Idempotency-Key " + key + " was used with another request body",
                        List.of(Problem.FieldError.field("Idempotency-Key", "already used with another body")));
            }
            return new Answer(((Number) first[1]).intValue(), (String) first[2]);
        }
        Answer answer = command.get();
        em.createNativeQuery("update idempotent_command set status = ?3, response = ?4 where caller = ?1 and key = ?2")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, answer.status())
                .setParameter(4, answer.body()).executeUpdate();
        return answer;
    }


    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

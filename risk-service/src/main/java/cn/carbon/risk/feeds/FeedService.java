package cn.carbon.risk.feeds;

import cn.carbon.platform.web.ControlCharacterJson;
import cn.carbon.platform.web.Problem;
import cn.carbon.platform.web.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * An uploaded feed (CSV or JSON), streamed from the request body into {@link FeedIngest} in one transaction.
 * Idempotency-Key: the body is hashed while it streams (the platform's IdempotentCommands needs the body up front, a
 * streamed feed cannot give it), so a repeat with the same key and body gets the first answer, another body 422.
 */
@ApplicationScoped
public class FeedService {

    public enum Format { CSV, JSON }

    private final FeedIngest ingest;
    private final EntityManager em;
    private final ObjectMapper json;
    /** a JSON feed is a request body: its strings get the same control-character check as any other */
    private final ObjectMapper bodies;

    public FeedService(FeedIngest ingest, EntityManager em, ObjectMapper json, ControlCharacterJson bodies) {
        this.ingest = ingest;
        this.em = em;
        this.json = json;
        this.bodies = bodies.mapper();
    }

    @Transactional
    @TransactionConfiguration(timeout = 1800)
    public FeedReceipt receive(InputStream body, Format format, String caller, String idempotencyKey) {
        if (idempotencyKey != null && idempotencyKey.length() > 200) {
            throw ProblemException.invalid("Idempotency-Key", "at most 200 characters");
        }
        MessageDigest sha = sha256();
        DigestInputStream in = new DigestInputStream(body, sha);
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey;
        if (key != null) {
            @SuppressWarnings("unchecked")
            List<Object[]> first = em.createNativeQuery("select content_sha256, cast(response as text) from net_purchase_feed "
                    + "where received_by = ?1 and idempotency_key = ?2").setParameter(1, caller).setParameter(2, key)
                    .getResultList();
            if (!first.isEmpty()) {
                drain(in);
                if (!HexFormat.of().formatHex(sha.digest()).equals(first.get(0)[0])) {
                    throw ProblemException.unprocessable("idempotency-key-reused", "Idempotency key reused",
                            "Idempotency-Key " + key + " was used with another request body",
                            List.of(Problem.FieldError.field("Idempotency-Key", "already used with another body")));
                }
                return read((String) first.get(0)[1]);
            }
        }
        FeedReader reader;
        try {
            reader = format == Format.CSV ? new CsvFeedReader(in) : new JsonFeedReader(in, bodies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FeedReceipt receipt = ingest.ingest(reader, FeedIngest.Source.API, UUID.randomUUID().toString(), caller, key);
        drain(in); // trailing bytes belong to the hash too
        ingest.remember(receipt, HexFormat.of().formatHex(sha.digest()));
        return receipt;
    }

    private static void drain(InputStream in) {
        try {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FeedReceipt read(String body) {
        try {
            return json.readValue(body, FeedReceipt.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

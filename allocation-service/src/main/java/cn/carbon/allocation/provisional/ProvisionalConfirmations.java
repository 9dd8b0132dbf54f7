package cn.carbon.allocation.provisional;

import cn.carbon.allocation.support.Jdbc;
import cn.carbon.contracts.rulebook.Rulebook;
import cn.carbon.platform.web.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry officers' confirmations of a rulebook version's provisional values ({@link FourEyesRelease}); the
 * request itself is in the audit trail like every command.
 */
@ApplicationScoped
public class ProvisionalConfirmations {

    public static final int MAX_NOTE = 2000;

    private final Jdbc jdbc;

    public ProvisionalConfirmations(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** One officer's confirmation, with why (the note). */
    @RegisterForReflection // written with the ObjectMapper, not as a declared return type
    public record Confirmation(String confirmedBy, Instant confirmedAt, String note) {
    }

    /** 409 when the version has nothing provisional or this officer confirmed it already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Confirmation> confirm(Rulebook rb, String by, String note, Instant at) {
        if (note == null || note.isBlank()) {
            throw ProblemException.invalid("note", "is required: what the officer checked (the source of the values)");
        }
        if (note.length() > MAX_NOTE) {
            throw ProblemException.invalid("note", "at most " + MAX_NOTE + " characters");
        }
        if (rb.provisionalValues().isEmpty()) {
            throw ProblemException.conflict("nothing-provisional", "Nothing to confirm", "rulebook " + rb.ref()
                    + " has no provisional values");
        }
        return jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into provisional_confirmation (rulebook_id, rulebook_version, confirmed_by, confirmed_at, note)
                    values (?, ?, ?, ?, ?) on conflict do nothing""")) {
                Jdbc.bind(ps, rb.id(), rb.version(), by, Timestamp.from(at), note);
                if (ps.executeUpdate() == 0) {
                    throw ProblemException.conflict("already-confirmed", "Already confirmed", by
                            + " has confirmed rulebook " + rb.ref() + " already: a second officer must confirm");
                }
            }
            return read(c, rb);
        });
    }

    @Transactional
    public List<Confirmation> of(Rulebook rb) {
        return jdbc.work(c -> read(c, rb));
    }

    /** The officers who confirmed the version, read in the run's own connection. */
    public static List<String> confirmers(Connection c, Rulebook rb) throws SQLException {
        return read(c, rb).stream().map(Confirmation::confirmedBy).toList();
    }

    static List<Confirmation> read(Connection c, Rulebook rb) throws SQLException {
        List<Confirmation> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select confirmed_by, confirmed_at, note from provisional_confirmation
                where rulebook_id = ? and rulebook_version = ? order by confirmed_at, confirmed_by""")) {
            Jdbc.bind(ps, rb.id(), rb.version());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Confirmation(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)));
                }
            }
        }
        return out;
    }
}

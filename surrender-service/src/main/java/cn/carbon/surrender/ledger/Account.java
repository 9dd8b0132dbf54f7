package cn.carbon.surrender.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A registry account. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    public enum Kind {
        ENTITY_HOLDING, PROVINCIAL_CUSTODY, NATIONAL_ISSUANCE, SURRENDER
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    public String uscc;
    @Column(name = "province_code")
    public String provinceCode;
    @Column(name = "opened_at")
    public Instant openedAt;

    public static Optional<Account> of(Kind kind, String uscc) {
        return find("kind = ?1 and uscc = ?2", kind, uscc).firstResultOptional();
    }
}

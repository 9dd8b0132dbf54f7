package cn.carbon.surrender.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.List;

/** An account's balance of one vintage: free units and restricted (borrowed 2023) units. */
@Entity
@Table(name = "holding")
public class Holding extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "account_id") Long accountId, String vintage) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "free_t")
    public long freeT;
    @Column(name = "restricted_t")
    public long restrictedT;

    public static List<Holding> ofAccount(long accountId) {
        return list("key.accountId = ?1 order by key.vintage", accountId);
    }
}

package cn.carbon.surrender.rest;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.directory.KnownEntity;
import cn.carbon.surrender.ledger.Account;
import cn.carbon.surrender.ledger.Holding;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/** An entity's holdings by vintage: free, restricted (borrowed), and what custody holds for it. */
@Path("/api/surrender/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final Caller caller;

    public AccountResource(Caller caller) {
        this.caller = caller;
    }

    public record VintageBalance(String vintage, long freeT, long restrictedT) {
    }

    public record AccountView(String uscc, String name, String provinceCode, long accountId, Instant openedAt,
                              List<VintageBalance> holdings, List<VintageBalance> custody) {
    }

    @GET
    @Path("/{uscc}")
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY})
    public AccountView get(@PathParam("uscc") String uscc) {
        KnownEntity entity = KnownEntity.findById(uscc);
        caller.requireVisible(uscc, entity == null ? null : entity.provinceCode, "account of " + uscc);
        Account holding = entity == null ? null : Account.of(Account.Kind.ENTITY_HOLDING, uscc).orElse(null);
        if (holding == null) {
            throw ProblemException.notFound("account of " + uscc);
        }
        List<VintageBalance> custody = Account.of(Account.Kind.PROVINCIAL_CUSTODY, uscc)
                .map(a -> balances(a.id)).orElse(List.of());
        return new AccountView(uscc, entity.name, entity.provinceCode, holding.id, holding.openedAt,
                balances(holding.id), custody);
    }

    private static List<VintageBalance> balances(long accountId) {
        return Holding.ofAccount(accountId).stream()
                .map(h -> new VintageBalance(h.key.vintage(), h.freeT, h.restrictedT)).toList();
    }
}

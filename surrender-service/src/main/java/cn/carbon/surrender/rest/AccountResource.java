package cn.carbon.surrender.rest;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.Page;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.directory.KnownEntity;
import cn.carbon.surrender.ledger.Account;
import cn.carbon.surrender.ledger.AccountStatements;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/** An entity's holdings by vintage (free, restricted, in custody for it) and its ledger lines. */
@Path("/api/surrender/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final Caller caller;
    private final AccountStatements statements;

    public AccountResource(Caller caller, AccountStatements statements) {
        this.caller = caller;
        this.statements = statements;
    }

    public record AccountView(String uscc, String name, String provinceCode, long accountId, Instant openedAt,
                              List<AccountStatements.VintageBalance> holdings,
                              List<AccountStatements.VintageBalance> custody) {
    }

    @GET
    @Path("/{uscc}")
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY})
    public AccountView get(@PathParam("uscc") String uscc) {
        KnownEntity entity = visible(uscc);
        Account holding = Account.of(Account.Kind.ENTITY_HOLDING, uscc)
                .orElseThrow(() -> ProblemException.notFound("account of " + uscc));
        List<AccountStatements.VintageBalance> custody = Account.of(Account.Kind.PROVINCIAL_CUSTODY, uscc)
                .map(a -> statements.balances(a.id)).orElse(List.of());
        return new AccountView(uscc, entity.name, entity.provinceCode, holding.id, holding.openedAt,
                statements.balances(holding.id), custody);
    }

    @GET
    @Path("/{uscc}/transactions")
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY})
    public Page<AccountStatements.StatementLine> transactions(@PathParam("uscc") String uscc,
                                                              @QueryParam("page") @DefaultValue("0") int page,
                                                              @QueryParam("size") @DefaultValue("50") int size) {
        visible(uscc);
        return statements.lines(uscc, Page.checkedPage(page), Page.checkedSize(size));
    }

    private KnownEntity visible(String uscc) {
        KnownEntity entity = KnownEntity.findById(uscc);
        caller.requireVisible(uscc, entity == null ? null : entity.provinceCode, "account of " + uscc);
        if (entity == null) {
            throw ProblemException.notFound("account of " + uscc);
        }
        return entity;
    }
}

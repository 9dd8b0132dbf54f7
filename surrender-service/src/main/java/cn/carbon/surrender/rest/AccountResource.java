package cn.carbon.surrender.rest;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.IdempotentCommands;
import cn.carbon.platform.web.Page;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.platform.directory.KnownEntity;
import cn.carbon.surrender.freeze.AccountFreezes;
import cn.carbon.surrender.ledger.Account;
import cn.carbon.surrender.ledger.AccountStatements;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.List;

/**
 * An entity's holdings by vintage (free, restricted, in custody for it), whether a court freezes its account and why,
 * its ledger lines; and the registry's freeze requests on the account (approval and release: {@link FreezeResource}).
 */
@Path("/api/surrender/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final Caller caller;
    private final AccountStatements statements;
    private final AccountFreezes freezes;
    private final IdempotentCommands idempotent;
    private final ObjectMapper json;

    public AccountResource(Caller caller, AccountStatements statements, AccountFreezes freezes,
                           IdempotentCommands idempotent, ObjectMapper json) {
        this.caller = caller;
        this.statements = statements;
        this.freezes = freezes;
        this.idempotent = idempotent;
        this.json = json;
    }

    /**
     * @param frozen  whether a court freeze holds the account now: nothing goes out but forced surrender or claw-back
     * @param freeze  the earliest freeze holding it (reason, courtDocument, since), null if none
     * @param freezes every freeze holding it now (several courts may freeze one account)
     */
    public record AccountView(String uscc, String name, String provinceCode, long accountId, Instant openedAt,
                              List<AccountStatements.VintageBalance> holdings,
                              List<AccountStatements.VintageBalance> custody, boolean frozen,
                              AccountFreezes.Freeze freeze, List<AccountFreezes.Freeze> freezes) {
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
        List<AccountFreezes.Freeze> effective = freezes.effective(uscc);
        return new AccountView(uscc, entity.name, entity.provinceCode, holding.id, holding.openedAt,
                statements.balances(holding.id), custody, !effective.isEmpty(),
                effective.isEmpty() ? null : effective.get(0), effective);
    }

    /** A registry user records a court's freeze order: PENDING until another registry user approves it. */
    @POST
    @Path("/{uscc}/freezes")
    @Transactional
    @RolesAllowed(Role.REGISTRY)
    public Response freeze(@PathParam("uscc") String uscc, AccountFreezes.CourtOrder body,
                           @HeaderParam("Idempotency-Key") String idempotencyKey) {
        visible(uscc);
        AccountFreezes.CourtOrder order = body == null ? new AccountFreezes.CourtOrder(null, null) : body;
        IdempotentCommands.Answer answer = idempotent.once(caller.name(), idempotencyKey,
                "POST /accounts/" + uscc + "/freezes " + Requests.write(json, order),
                () -> new IdempotentCommands.Answer(201, Requests.write(json, freezes.request(uscc, order, caller.name()))));
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    /** Every freeze of the account, newest first: requested, approved, released, by whom and when. */
    @GET
    @Path("/{uscc}/freezes")
    @Transactional
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY})
    public List<AccountFreezes.Freeze> freezes(@PathParam("uscc") String uscc) {
        visible(uscc);
        return freezes.history(uscc);
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

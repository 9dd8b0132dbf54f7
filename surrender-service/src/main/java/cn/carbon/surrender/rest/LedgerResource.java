package cn.carbon.surrender.rest;

import cn.carbon.platform.security.Role;
import cn.carbon.surrender.ledger.Reconciliation;
import cn.carbon.surrender.rulebook.Rulebook;
import cn.carbon.surrender.rulebook.Rulebooks;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The registry's checks of the whole ledger, and the rulebook settings the ledger applies. */
@Path("/api/surrender")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    private final Reconciliation reconciliation;
    private final Rulebooks rulebooks;

    public LedgerResource(Reconciliation reconciliation, Rulebooks rulebooks) {
        this.reconciliation = reconciliation;
        this.rulebooks = rulebooks;
    }

    @GET
    @Path("/ledger/reconciliation")
    @RolesAllowed(Role.REGISTRY)
    public Reconciliation.Report reconciliation() {
        return reconciliation.run();
    }

    /** The reconciliation's per-vintage totals alone: what to poll while issuance goes on, at a fraction of the cost. */
    @GET
    @Path("/ledger/vintages")
    @RolesAllowed(Role.REGISTRY)
    public List<Reconciliation.VintageTotals> vintages() {
        return reconciliation.vintages();
    }

    @GET
    @Path("/rulebooks")
    @RolesAllowed({Role.REGISTRY, Role.MINISTRY, Role.PROVINCE, Role.ENTITY, Role.EXCHANGE})
    public List<Rulebook> rulebooks() {
        return rulebooks.all();
    }
}

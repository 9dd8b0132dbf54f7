package cn.carbon.surrender.rest;

import cn.carbon.platform.security.Caller;
import cn.carbon.platform.security.Role;
import cn.carbon.platform.web.ProblemException;
import cn.carbon.surrender.ledger.Ledger;
import cn.carbon.surrender.ledger.Posted;
import cn.carbon.surrender.settlement.Settlements;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.Instant;

/** The exchange posts settled trades; a repeated tradeId answers the first settlement (200) instead of a new one. */
@Path("/api/surrender/settlements")
// no @Consumes: a request without a JSON body is refused by authentication first (401/403), then as a bad body
@Produces(MediaType.APPLICATION_JSON)
public class SettlementResource {

    private final Settlements settlements;
    private final Caller caller;

    public SettlementResource(Settlements settlements, Caller caller) {
        this.settlements = settlements;
        this.caller = caller;
    }

    public record SettlementRequest(String tradeId, String sellerUscc, String buyerUscc, String vintage,
                                    BigDecimal quantityT) {
    }

    public record SettlementView(long transactionId, String tradeId, String sellerUscc, String buyerUscc, String vintage,
                                 long quantityT, Instant postedAt, boolean repeated) {
    }

    @POST
    @Transactional
    @RolesAllowed(Role.EXCHANGE)
    public Response settle(SettlementRequest body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a settled trade is required");
        }
        Ledger.Result result = settlements.settle(new Settlements.Trade(body.tradeId(), body.sellerUscc(),
                body.buyerUscc(), body.vintage(), Requests.tonnes(body.quantityT(), "quantityT")), caller.name());
        Posted p = result.posted();
        var line = p.movements().get(0);
        return Response.status(result.repeated() ? 200 : 201).entity(new SettlementView(p.id(), body.tradeId(),
                line.from().uscc(), line.to().uscc(), line.vintage(), line.quantityT(), p.postedAt(), result.repeated())).build();
    }
}

package cn.carbon.bench.bare;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/bare/entities")
@Produces(MediaType.APPLICATION_JSON)
public class BareResource {

    @GET
    @Path("/{uscc}")
    public BareEntity get(@PathParam("uscc") String uscc) {
        BareEntity e = BareEntity.findById(uscc);
        if (e == null) {
            throw new NotFoundException();
        }
        return e;
    }
}

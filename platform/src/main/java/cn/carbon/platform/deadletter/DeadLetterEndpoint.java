package cn.carbon.platform.deadletter;

import cn.carbon.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The registry's read-only view of what a service's consumers dead-lettered; each service mounts it under its own
 * prefix with a one-line subclass ({@code @Path("/api/<service>/dead-letters")}).
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class DeadLetterEndpoint {

    @Inject
    DeadLetters deadLetters;

    @GET
    @RolesAllowed(Role.REGISTRY)
    @Tag(name = "Dead Letters", description = "what the service's consumers could not apply (read-only)")
    @Operation(operationId = "getDeadLetters", summary = "Dead letters per topic",
            description = "Per dead-letter topic of the service: how many records it keeps and the latest ones with "
                    + "their original topic, partition, offset and reason; a payload shows its first 200 characters only.")
    @APIResponseSchema(value = DeadLetters.Report.class, responseCode = "200",
            responseDescription = "the service's dead-letter topics, newest letters first")
    public DeadLetters.Report read(@Parameter(description = "how many of the latest records per topic (0 to 50)")
                                   @QueryParam("latest") @DefaultValue("10") @Min(0) @Max(DeadLetters.MAX_LATEST) int latest) {
        return deadLetters.read(latest);
    }
}

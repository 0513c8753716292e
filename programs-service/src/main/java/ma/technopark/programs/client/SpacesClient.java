package ma.technopark.programs.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** sites-service's spaces (public reference data), as programs-service reads them: is a room at the cohort's site? */
@RegisterRestClient(configKey = "sites")
@Path("/api/v1/sites")
@Produces(MediaType.APPLICATION_JSON)
public interface SpacesClient {

    /** The same guards as {@link SitesClient#book}: a 404 when the space is not at that site. */
    @GET
    @Path("/{siteId}/spaces/{spaceId}")
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, retryOn = ProcessingException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = WebApplicationException.class)
    Space space(@PathParam("siteId") UUID siteId, @PathParam("spaceId") UUID spaceId);

    record Space(UUID id, UUID siteId, String type, boolean bookable) {
    }
}

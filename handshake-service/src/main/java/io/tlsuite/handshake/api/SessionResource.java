package io.tlsuite.handshake.api;

import io.tlsuite.handshake.domain.RestSessions;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The secure phase of a REST session: encrypted records in, encrypted records out. */
@Path("/api/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sessions")
public class SessionResource {

    @Inject RestSessions sessions;

    @POST
    @Path("/{id}/records")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Application-data records in, the server's echo (with its timestamp) out",
            description =
                    "A close_notify closes the session; the answer carries the server's close_notify.")
    public Dtos.RecordsResponse records(@PathParam("id") String id, Dtos.FlightRequest body) {
        String session = Ids.session(id);
        return Dtos.RecordsResponse.of(sessions.records(session, Flights.decode(body)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            summary = "The server closes the session; the answer carries its close_notify record")
    public Dtos.RecordsResponse close(@PathParam("id") String id) {
        return Dtos.RecordsResponse.of(sessions.close(Ids.session(id)));
    }
}

package io.tlsuite.handshake.api;

import io.tlsuite.handshake.domain.ClientBinding;
import io.tlsuite.handshake.domain.RestSessions;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The secure phase of a REST session: encrypted records in, encrypted records out. Only the client
 * whose handshake opened the session may use or close it: every request carries the handshake's
 * {@code clientSecret} in the {@value ClientBinding#HEADER} header.
 */
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
                    "A close_notify closes the session; the answer carries the server's close_notify."
                            + " The "
                            + ClientBinding.HEADER
                            + " header carries the clientSecret of the handshake's first step.")
    public Dtos.RecordsResponse records(
            @PathParam("id") String id,
            @HeaderParam(ClientBinding.HEADER) String clientSecret,
            Dtos.FlightRequest body) {
        String session = Ids.session(id);
        return Dtos.RecordsResponse.of(
                sessions.records(session, clientSecret, Flights.decode(body)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            summary = "The server closes the session; the answer carries its close_notify record",
            description =
                    "Only for the session's client: the "
                            + ClientBinding.HEADER
                            + " header carries the clientSecret of the handshake's first step.")
    public Dtos.RecordsResponse close(
            @PathParam("id") String id, @HeaderParam(ClientBinding.HEADER) String clientSecret) {
        return Dtos.RecordsResponse.of(sessions.close(Ids.session(id), clientSecret));
    }
}

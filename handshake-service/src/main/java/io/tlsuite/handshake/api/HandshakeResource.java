package io.tlsuite.handshake.api;

import io.tlsuite.handshake.domain.ClientBinding;
import io.tlsuite.handshake.domain.RestHandshakes;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * TLS handshakes over REST: each request carries one client flight (raw TLS records, base64), each
 * response the server's flight and the decoded view of every message.
 */
@Path("/api/v1/handshakes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "handshakes")
public class HandshakeResource {

    @Inject RestHandshakes handshakes;
    @Context HttpServerRequest http;

    @POST
    @Operation(
            summary = "Start a handshake with the client's first flight (ClientHello)",
            description =
                    "201 with the handshake id, the server flight (ServerHello ... Finished) and its"
                            + " decoded view; a TLS failure is a 422 problem carrying the alert and its record."
                            + " \"clientAuth\": \"required\" (or \"optional\") asks for a client"
                            + " certificate from the suite CA for this handshake (mutual TLS); it never"
                            + " lowers what handshake.tls.client-auth demands. The answer carries"
                            + " \"clientSecret\" once: every later step of this handshake and of its"
                            + " session must send it in the "
                            + ClientBinding.HEADER
                            + " header (401 client-secret-required without it, 403"
                            + " client-secret-mismatch with another).")
    public Response start(Dtos.FlightRequest body) {
        var result = handshakes.start(Flights.decode(body), remote(), Flights.clientAuth(body));
        return Response.created(URI.create("/api/v1/handshakes/" + result.handshakeId()))
                .header("Cache-Control", "no-store")
                .entity(Dtos.HandshakeResponse.of(result))
                .build();
    }

    @POST
    @Path("/{id}/flights")
    @Operation(
            summary = "Send the client's next flight (e.g. its Finished)",
            description =
                    "200 with the server's records; once complete, the session id. Only for the"
                            + " client that started the handshake: the "
                            + ClientBinding.HEADER
                            + " header carries the clientSecret of the first step.")
    public Dtos.HandshakeResponse flight(
            @PathParam("id") String id,
            @HeaderParam(ClientBinding.HEADER) String clientSecret,
            Dtos.FlightRequest body) {
        String handshake = Ids.handshake(id);
        return Dtos.HandshakeResponse.of(
                handshakes.next(handshake, clientSecret, Flights.decode(body)));
    }

    private String remote() {
        try {
            return http.remoteAddress().hostAddress() + ":" + http.remoteAddress().port();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}

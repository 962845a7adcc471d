package io.tlsuite.sessionstore.api;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.service.testing.HostileInputContract;
import java.util.List;
import java.util.Set;

/** Every endpoint of the store, with the service token, against the shared hostile inputs. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCaPeer.class)
class HostileInputTest extends HostileInputContract {

    private static final Set<String> OPEN_READS =
            Set.of("/api/v1/sessions/{id}", "/api/v1/tickets/{id}");

    @Override
    protected List<Endpoint> endpoints() {
        return List.of(
                Endpoint.post("/api/v1/sessions"),
                Endpoint.get("/api/v1/sessions"),
                Endpoint.get("/api/v1/sessions/{id}"),
                Endpoint.get("/api/v1/sessions/{id}/keys"),
                Endpoint.delete("/api/v1/sessions/{id}"),
                Endpoint.post("/api/v1/tickets"),
                Endpoint.post("/api/v1/tickets/lookup"),
                Endpoint.get("/api/v1/tickets/{id}"),
                Endpoint.put("/api/v1/engine-states/{id}"),
                Endpoint.get("/api/v1/engine-states/{id}"),
                Endpoint.delete("/api/v1/engine-states/{id}"));
    }

    @Override
    protected RequestSpecification caller() {
        return given().header("Authorization", "Bearer " + SessionApiContract.TOKEN);
    }

    @Override
    protected boolean requiresAuthentication(Endpoint endpoint) {
        return !OPEN_READS.contains(endpoint.path());
    }
}

package io.tlsuite.ca;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.service.testing.HostileInputContract;
import java.util.List;
import java.util.Set;

/**
 * Every JSON endpoint of the CA, as the admin (so the input reaches the parsers and the policy),
 * against the shared hostile inputs. OCSP is left out: RFC 6960 answers a malformed request with an
 * OCSP {@code malformedRequest}, not with problem+json ({@code RevocationTest} covers it).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaBrokerTestResource.class)
class HostileInputTest extends HostileInputContract {

    private static final Set<String> NEEDS_A_TOKEN =
            Set.of(
                    "/api/v1/certificates",
                    "/api/v1/certificates/{id}/revoke",
                    "/api/v1/certificates/backdated");

    @Override
    protected List<Endpoint> endpoints() {
        return List.of(
                Endpoint.post("/api/v1/certificates"),
                Endpoint.post("/api/v1/certificates/backdated"),
                Endpoint.get("/api/v1/certificates/{id}"),
                Endpoint.post("/api/v1/certificates/{id}/revoke"),
                Endpoint.post("/api/v1/validations"));
    }

    @Override
    protected String someId() {
        return "0a1b2c3d4e5f";
    }

    @Override
    protected int maxBodyBytes() {
        return 64 * 1024;
    }

    @Override
    protected RequestSpecification caller() {
        return given().header("Authorization", CaApi.ADMIN);
    }

    @Override
    protected boolean requiresAuthentication(Endpoint endpoint) {
        return NEEDS_A_TOKEN.contains(endpoint.path()) && !endpoint.method().equals("GET");
    }
}

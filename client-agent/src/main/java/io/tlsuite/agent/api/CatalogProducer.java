package io.tlsuite.agent.api;

import io.tlsuite.agent.domain.ScenarioCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The scenario catalog as a bean (the domain class stays framework-free). */
@ApplicationScoped
class CatalogProducer {
    @Produces
    @ApplicationScoped
    ScenarioCatalog catalog() {
        return new ScenarioCatalog();
    }
}

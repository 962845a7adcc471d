package io.tlsuite.dashboard;

import io.tlsuite.dashboard.domain.EventFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
class FeedConfiguration {

    @Produces
    @ApplicationScoped
    EventFeed feed(@ConfigProperty(name = "dashboard.feed.capacity") int capacity) {
        return new EventFeed(capacity);
    }
}

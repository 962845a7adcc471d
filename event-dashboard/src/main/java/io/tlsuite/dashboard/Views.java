package io.tlsuite.dashboard;

import io.tlsuite.dashboard.domain.EventIndex;
import io.tlsuite.dashboard.live.LiveStream;
import io.tlsuite.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The dashboard's in-memory views and its live viewers, sized from the configuration. */
@ApplicationScoped
class Views {

    @Produces
    @Singleton
    EventIndex index(DashboardConfig config) {
        return new EventIndex(
                new EventIndex.Limits(
                        config.eventsCapacity(),
                        config.handshakesCapacity(),
                        config.sessionsCapacity(),
                        config.certificatesCapacity(),
                        config.runsCapacity(),
                        config.anomaliesCapacity(),
                        config.expiringWithin()),
                Topics.ALL);
    }

    @Produces
    @Singleton
    LiveStream stream(DashboardConfig config) {
        return new LiveStream(
                config.maxSubscribers(), config.maxSubscribersPerClient(), config.streamBuffer());
    }
}

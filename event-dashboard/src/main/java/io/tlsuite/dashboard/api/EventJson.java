package io.tlsuite.dashboard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsuite.dashboard.domain.DashboardEvent;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;

/** An event's JSON text, written once per event however many viewers and exports want it. */
@Singleton
class EventJson {

    private final ObjectMapper mapper;

    EventJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String of(DashboardEvent e) {
        return e.cachedJson(this::write);
    }

    private String write(DashboardEvent e) {
        try {
            return mapper.writeValueAsString(EventView.of(e));
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}

package io.tlsuite.dashboard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsuite.dashboard.domain.DashboardEvent;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;

/**
 * An event's JSON (UTF-8), written once per event however many viewers and exports want it. It
 * holds no line break (Jackson's compact output escapes them in strings), so it fits one SSE data
 * line as is.
 */
@Singleton
class EventJson {

    private final ObjectMapper mapper;

    EventJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    byte[] of(DashboardEvent e) {
        return e.cachedJson(this::write);
    }

    private byte[] write(DashboardEvent e) {
        try {
            return mapper.writeValueAsBytes(EventView.of(e));
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}

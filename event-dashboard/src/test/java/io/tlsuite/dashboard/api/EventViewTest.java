package io.tlsuite.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tlsuite.dashboard.domain.DashboardEvent;
import io.tlsuite.dashboard.domain.EventIndex;
import io.tlsuite.dashboard.domain.Stories;
import io.tlsuite.events.Topics;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The list, the live stream, the NDJSON and the CSV export write each event's data as it was
 * published, though the index keeps it as text rather than as a tree.
 */
class EventViewTest {

    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void everyWriterWritesTheDataAsPublished() throws Exception {
        List<DashboardEvent> events = Stories.decoded(Stories.rsaHandshake("hs-1", "s-1", "0a1b"));
        List<String> published = new ArrayList<>();
        for (DashboardEvent e : events) {
            published.add(e.data().toString()); // the tree, before the index drops it
        }
        new EventIndex(
                        new EventIndex.Limits(100, 10, 10, 10, 10, 10, Duration.ofDays(7)),
                        Topics.ALL)
                .appendAll(events);
        EventJson json = new EventJson(MAPPER);

        StringWriter csv = new StringWriter();
        CsvExport.write(events, csv);
        String[] rows = csv.toString().split("\r\n");
        for (int i = 0; i < events.size(); i++) {
            DashboardEvent e = events.get(i);
            JsonNode listed = MAPPER.readTree(MAPPER.writeValueAsBytes(EventView.of(e)));
            JsonNode streamed = MAPPER.readTree(json.of(e));

            assertThat(listed.get("data").toString()).isEqualTo(published.get(i));
            assertThat(streamed).isEqualTo(listed);
            assertThat(rows[i + 1]).endsWith(CsvExport.field(published.get(i)));
            assertThat(e.dataText()).isEqualTo(published.get(i)); // read back from the cached JSON
        }
    }
}

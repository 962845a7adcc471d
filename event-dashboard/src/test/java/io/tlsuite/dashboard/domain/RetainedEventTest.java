package io.tlsuite.dashboard.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsuite.dashboard.events.EventDecoder;
import io.tlsuite.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The index keeps an event's data as JSON text, not as a tree: every reader of the data must see
 * the same data as before, whether the event is being indexed, indexed, or already written out for
 * the live stream.
 */
class RetainedEventTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String DATA =
            "{\"handshakeId\":\"hs-9\",\"transport\":\"tcp\",\"peer\":\"127.0.0.1:5\","
                    + "\"note\":\"caf\\u00e9 \\\"quoted\\\", a\\nline \\u2603\","
                    + "\"elapsedMicros\":9007199254740993,\"ratio\":0.1,\"big\":1e3,"
                    + "\"valid\":false,\"nothing\":null,"
                    + "\"list\":[1,\"two\",{\"three\":[3]}],\"nested\":{\"a\":{}}}";

    private static DashboardEvent event() throws Exception {
        String record =
                "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"type\":\"tls.handshake.started\","
                        + "\"source\":\"/tlsuite/test\",\"subject\":\"hs-9\","
                        + "\"time\":\"2026-12-02T10:00:00.000001Z\",\"data\":"
                        + DATA
                        + "}";
        return new EventDecoder()
                .decode(Topics.HANDSHAKES, 0, 7, record.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode original() throws Exception {
        return (ObjectNode) MAPPER.readTree(DATA);
    }

    private static EventIndex index() {
        return new EventIndex(
                new EventIndex.Limits(10, 10, 10, 10, 10, 10, Duration.ofDays(7)), Topics.ALL);
    }

    private static void assertSameData(DashboardEvent e) throws Exception {
        assertThat(e.data()).isEqualTo(original());
        assertThat(e.dataText()).isEqualTo(original().toString());
        assertThat(MAPPER.writeValueAsString(e.dataForWriting())).isEqualTo(original().toString());
        assertThat(e.field("note")).isEqualTo("café \"quoted\", a\nline ☃");
        assertThat(e.field("nothing")).isNull();
        assertThat(e.number("elapsedMicros", -1)).isEqualTo(9007199254740993L);
        assertThat(e.flag("valid")).isFalse();
        assertThat(e.expanded().data()).isEqualTo(original());
        assertThat(e.expanded().sequence()).isEqualTo(e.sequence());
        assertThat(e.expanded().receivedAt()).isEqualTo(e.receivedAt());
    }

    @Test
    void theDataReadsTheSameBeforeAndAfterIndexing() throws Exception {
        DashboardEvent e = event();
        e.arrived(Instant.parse("2026-12-02T10:00:01Z"), Instant.parse("2026-12-02T10:00:02Z"));
        assertSameData(e);

        index().appendAll(List.of(e));

        assertThat(e.sequence()).isEqualTo(1);
        assertSameData(e);
    }

    @Test
    void theDataReadsTheSameOnceTheEventsJsonIsCached() throws Exception {
        DashboardEvent e = event();
        index().appendAll(List.of(e));
        byte[] envelope = "{\"sequence\":1,\"data\":".getBytes(StandardCharsets.UTF_8);

        byte[] json =
                e.cachedJson(
                        x -> {
                            byte[] d = x.dataText().getBytes(StandardCharsets.UTF_8);
                            byte[] out = new byte[envelope.length + d.length + 1];
                            System.arraycopy(envelope, 0, out, 0, envelope.length);
                            System.arraycopy(d, 0, out, envelope.length, d.length);
                            out[out.length - 1] = '}';
                            return out;
                        });

        assertThat(e.cachedJson(x -> new byte[0])).isSameAs(json);
        assertSameData(e);
    }

    @Test
    void aCachedJsonThatDoesNotEndWithTheDataLeavesTheDataAsItWas() throws Exception {
        DashboardEvent e = event();
        index().appendAll(List.of(e));

        e.cachedJson(x -> "{\"other\":true}".getBytes(StandardCharsets.UTF_8));

        assertSameData(e);
    }

    @Test
    void indexingStillReadsTheFieldsItFilesEventsBy() throws Exception {
        EventIndex index = index();
        DashboardEvent e = event();

        index.appendAll(List.of(e));

        HandshakeSummary h = index.handshakes(10, null, null, null).get(0);
        assertThat(h.id()).isEqualTo("hs-9");
        assertThat(h.transport()).isEqualTo("tcp");
        assertThat(h.peer()).isEqualTo("127.0.0.1:5");
        assertThat(index.ladder("hs-9").orElseThrow().arrows().get(0).fields())
                .isEqualTo(original());
    }
}

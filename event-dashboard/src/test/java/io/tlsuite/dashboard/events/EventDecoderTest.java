package io.tlsuite.dashboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An event's time reads the same through the short path for UTC as through the formatter. */
class EventDecoderTest {

    @Test
    void utcTimesReadAsTheFormatterReadsThem() {
        for (String t :
                List.of(
                        "2026-12-02T16:28:01Z",
                        "2026-12-02T16:28:01.1Z",
                        "2026-12-02T16:28:01.120Z",
                        "2026-12-02T16:28:01.123456Z",
                        "2026-12-02T16:28:01.123456789Z",
                        "1970-01-01T00:00:00Z",
                        "1969-12-31T23:59:59.999999999Z",
                        "2024-02-29T23:59:59.5Z",
                        "0001-01-01T00:00:00Z",
                        "9999-12-31T23:59:59.000000001Z",
                        "2026-12-02t16:28:01.5z")) {
            assertThat(EventDecoder.time(t)).as(t).isEqualTo(Instant.parse(t));
        }
    }

    @Test
    void otherFormsStillGoThroughTheFormatter() {
        assertThat(EventDecoder.time("2026-12-02T17:28:01.25+01:00"))
                .isEqualTo(Instant.parse("2026-12-02T16:28:01.25Z"));
        assertThat(EventDecoder.time("2016-12-31T23:59:60Z"))
                .isEqualTo(Instant.parse("2016-12-31T23:59:60Z"));
        assertThat(EventDecoder.time("2026-12-02T16:28:01.Z"))
                .isEqualTo(Instant.parse("2026-12-02T16:28:01Z"));
        assertThat(EventDecoder.time("2026-12-02T24:00:00Z"))
                .isEqualTo(Instant.parse("2026-12-02T24:00:00Z"));
        assertThat(EventDecoder.time("2026-12-02T16:28:01+00:00"))
                .isEqualTo(OffsetDateTime.parse("2026-12-02T16:28:01+00:00").toInstant());
    }

    @Test
    void impossibleTimesAreNotReadAsSomeOtherDay() {
        for (String t :
                List.of(
                        "2026-04-31T10:00:00Z",
                        "2026-02-29T10:00:00Z",
                        "2026-13-01T10:00:00Z",
                        "2026-12-02T16:60:00Z",
                        "2026-12-02T16:28:01.1234567890Z",
                        "2026-12-0xT16:28:01Z")) {
            Instant before = Instant.now();
            // Unreadable: the decoder falls back to "now", as it did with the formatter alone.
            assertThat(EventDecoder.time(t)).as(t).isBetween(before, Instant.now());
        }
    }
}

package io.tlsuite.dashboard.domain;

import java.time.OffsetDateTime;

/**
 * One event as the dashboard shows it: the CloudEvents attributes and the data as JSON text.
 *
 * @param sequence position in this dashboard's feed, increasing
 * @param dataJson the event's data, a JSON object
 */
public record FeedEntry(
        long sequence,
        String id,
        String type,
        String topic,
        String source,
        String subject,
        OffsetDateTime time,
        String dataJson) {}

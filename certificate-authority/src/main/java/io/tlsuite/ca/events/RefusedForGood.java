package io.tlsuite.ca.events;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Which send failures no retry can cure: the record itself is unacceptable (over the producer's or
 * the broker's size limit, unserialisable, refused as invalid). Everything else (broker away,
 * timeouts, authorisation while an operator fixes the ACLs) is retried, so a misconfiguration never
 * throws events away.
 */
final class RefusedForGood {

    private RefusedForGood() {}

    /** The reason to record when {@code error} refuses the record for good; empty otherwise. */
    static Optional<String> reason(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RecordTooLargeException
                || cause instanceof RecordBatchTooLargeException
                || cause instanceof InvalidRecordException
                || cause instanceof SerializationException) {
            return Optional.of(cause.getClass().getSimpleName());
        }
        return Optional.empty();
    }
}

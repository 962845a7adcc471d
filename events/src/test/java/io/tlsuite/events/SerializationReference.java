package io.tlsuite.events;

/** Test-side access to the SDK reference writer and the sample events, for benchmarks. */
public final class SerializationReference {
    private SerializationReference() {}

    public static byte[] withSdk(EventEnvelope envelope) {
        return EventCodec.serializeWithSdk(envelope);
    }

    public static LifecycleEvent sample(Class<? extends LifecycleEvent> type) {
        return SampleEvents.sample(type);
    }
}

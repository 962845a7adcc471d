package io.tlsuite.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.security.Key;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule of DESIGN.md: no event may carry a private key, a pre-master/master/traffic secret, a
 * session key, a ticket or anything derived from one. Checked over every event record type, so a
 * new event that breaks the rule fails the build.
 */
class NoSecretsInEventsTest {

    /** Names that mean secret material, in any case, anywhere in a component name. */
    private static final Pattern SECRET_NAME =
            Pattern.compile(
                    ".*(secret|private|premaster|pre_master|mastersecret|password|passphrase|token"
                            + "|binder|ticket|psk(?!accepted)|plaintext|keymaterial|keyblock"
                            + "|sharedkey|sessionkey|traffickey).*");

    /** Names that end like a key or IV, e.g. {@code writeKey}, {@code clientIv}. */
    private static final Pattern KEY_SUFFIX = Pattern.compile(".*(key|keys|iv|ivs|nonce)$");

    /** Only plain data types may appear: no bytes, no keys, no untyped holes. */
    private static final Set<Class<?>> ALLOWED_TYPES =
            Set.of(String.class, int.class, long.class, boolean.class, Instant.class, List.class);

    static Stream<Class<? extends LifecycleEvent>> everyEventType() {
        return EventCatalog.recordTypes().stream();
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void noComponentIsNamedLikeASecret(Class<? extends LifecycleEvent> type) {
        for (RecordComponent c : type.getRecordComponents()) {
            String name = c.getName().toLowerCase(Locale.ROOT);
            assertThat(SECRET_NAME.matcher(name).matches())
                    .as("%s.%s looks like secret material", type.getSimpleName(), c.getName())
                    .isFalse();
            assertThat(KEY_SUFFIX.matcher(name).matches())
                    .as("%s.%s looks like a key, IV or nonce", type.getSimpleName(), c.getName())
                    .isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void noComponentCanHoldRawBytesOrKeys(Class<? extends LifecycleEvent> type) {
        for (RecordComponent c : type.getRecordComponents()) {
            Class<?> raw = c.getType();
            assertThat(raw)
                    .as("%s.%s", type.getSimpleName(), c.getName())
                    .isNotIn(byte[].class, char[].class, ByteBuffer.class, Object.class);
            assertThat(Key.class.isAssignableFrom(raw)).isFalse();
            assertThat(ALLOWED_TYPES)
                    .as("%s.%s has type %s", type.getSimpleName(), c.getName(), raw)
                    .contains(raw);
            if (raw == List.class) {
                Type element = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
                assertThat(element)
                        .as("%s.%s element type", type.getSimpleName(), c.getName())
                        .isEqualTo(String.class);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void theJsonOfEveryEventHasNoSecretFieldName(Class<? extends LifecycleEvent> type) {
        String json = EventCodec.dataAsJson(SampleEvents.sample(type)).toLowerCase(Locale.ROOT);
        assertThat(json).doesNotContain("secret", "privatekey", "premaster", "mastersecret");
    }
}

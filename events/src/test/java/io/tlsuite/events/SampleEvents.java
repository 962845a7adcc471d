package io.tlsuite.events;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;

/** Builds a filled-in instance of any event record, with distinct values per component. */
final class SampleEvents {

    static LifecycleEvent sample(Class<? extends LifecycleEvent> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = valueFor(components[i], i);
        }
        try {
            Constructor<? extends LifecycleEvent> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Object valueFor(RecordComponent component, int index) {
        Class<?> type = component.getType();
        String name = component.getName();
        if (type == String.class) {
            return name + "-" + index;
        }
        if (type == int.class) {
            return 100 + index;
        }
        if (type == long.class) {
            return 10_000L + index;
        }
        if (type == boolean.class) {
            return index % 2 == 0;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-11-25T12:00:00Z").plusSeconds(index);
        }
        if (type == List.class) {
            Type element =
                    ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
            if (element == String.class) {
                return List.of(name + "-a", name + "-b");
            }
        }
        throw new AssertionError(
                "no sample for "
                        + component.getGenericType()
                        + " "
                        + name
                        + ": extend SampleEvents");
    }

    private SampleEvents() {}
}

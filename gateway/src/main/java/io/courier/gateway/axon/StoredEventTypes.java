package io.courier.gateway.axon;

import io.courier.api.common.EventType;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@link EventType}-named class, found once at start-up: reading an old event needs its
 * class before any event of that type has been written by this process.
 */
public final class StoredEventTypes {

    static final String SCANNED_PACKAGE = "io.courier";

    private final Map<String, Class<?>> classesByName;
    private final Map<Class<?>, EventType> namesByClass;
    private final Map<String, String> namesByJavaClassName;

    StoredEventTypes(Map<String, Class<?>> classesByName) {
        this.classesByName = Map.copyOf(classesByName);
        Map<Class<?>, EventType> names = new HashMap<>();
        Map<String, String> namesByJavaName = new HashMap<>();
        classesByName.forEach((name, type) -> {
            names.put(type, type.getAnnotation(EventType.class));
            namesByJavaName.put(type.getName(), name);
        });
        this.namesByClass = Collections.unmodifiableMap(names);
        this.namesByJavaClassName = Map.copyOf(namesByJavaName);
    }

    public static StoredEventTypes scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(EventType.class));
        Map<String, Class<?>> classes = new HashMap<>();
        for (var candidate : scanner.findCandidateComponents(SCANNED_PACKAGE)) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), StoredEventTypes.class.getClassLoader());
            String name = type.getAnnotation(EventType.class).name();
            Class<?> clash = classes.put(name, type);
            if (clash != null) {
                throw new IllegalStateException("Event type name '" + name + "' is used by both " + clash.getName()
                        + " and " + type.getName());
            }
        }
        return new StoredEventTypes(classes);
    }

    public Optional<EventType> nameOf(Class<?> type) {
        return Optional.ofNullable(namesByClass.get(type));
    }

    public Optional<Class<?>> classNamed(String name) {
        return Optional.ofNullable(classesByName.get(name));
    }

    /** Events stored before names existed carry their Java class name instead: the name it stands for. */
    public Optional<String> nameForJavaClassName(String javaClassName) {
        return Optional.ofNullable(namesByJavaClassName.get(javaClassName));
    }

    public Map<String, Class<?>> all() {
        return classesByName;
    }
}

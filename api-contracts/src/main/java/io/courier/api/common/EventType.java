package io.courier.api.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name and revision an event is stored under. Stored events outlive the code, so the name is
 * chosen once and never derived from the Java class: a record can move or be renamed freely, its
 * {@link #name()} cannot. Changing an event's shape in a way old readers can't absorb means a new
 * {@link #revision()} plus an upcaster from the previous one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** Stable, dotted name: {@code <feature>.<EventName>}, e.g. {@code account.UserRegistered}. */
    String name();

    /** Revision of the payload's shape; starts at "1". */
    String revision() default "1";
}

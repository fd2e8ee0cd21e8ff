package io.courier.api.common;

import java.util.UUID;

/**
 * A command addressed to one aggregate instance. The command side routes on {@link #targetId()},
 * which keeps these records free of framework annotations.
 */
public interface AggregateCommand {

    UUID targetId();
}

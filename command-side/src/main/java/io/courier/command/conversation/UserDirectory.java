package io.courier.command.conversation;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Which users exist, from the command side's own strongly consistent records (the email registry a
 * registration claims in its own transaction), never from a read model that may lag behind.
 */
public interface UserDirectory {

    /** The ids among {@code userIds} that belong to no account, in the order given; one look-up for all. */
    Set<UUID> unknownAmong(Collection<UUID> userIds);
}

package io.courier.vault;

import java.util.Optional;
import java.util.UUID;

/** Where each owner's data key lives: outside the event store, so that it can be destroyed. */
public interface DataKeyStore {

    /** The owner's key, empty when it never existed or was destroyed. */
    Optional<VaultKey> find(UUID owner);

    /** The owner's key, made and stored first if there is none. */
    VaultKey findOrCreate(UUID owner);

    void destroy(UUID owner);
}

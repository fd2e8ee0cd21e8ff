package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A new account. Its personal data is sealed under the user's own data key (crypto-shredding: deleting the
 * account destroys the key, and these fields become unreadable for good): {@code sealedEmail} (canonical form:
 * NFKC, lower case), {@code sealedDisplayName} and {@code sealedPasswordHash} (an Argon2id PHC string).
 * Revision 1 held them in clear as {@code email}, {@code displayName} and {@code passwordHash}; they are read as
 * revision 2 with the clear values marked as such (see {@code PersonalData#plain}).
 */
@EventType(name = "account.UserRegistered", revision = "2")
public record UserRegistered(UUID userId, String sealedEmail, String sealedPasswordHash, String sealedDisplayName,
                             Instant registeredAt) {
}

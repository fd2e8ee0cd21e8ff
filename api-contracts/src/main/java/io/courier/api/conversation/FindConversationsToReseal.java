package io.courier.api.conversation;

/**
 * For the vault's re-encryption job: up to {@code limit} ids of conversations in which some current member's keys
 * are sealed under a vault key other than {@code currentKeyId}. Answered with a list of UUIDs.
 */
public record FindConversationsToReseal(String currentKeyId, int limit) {
}

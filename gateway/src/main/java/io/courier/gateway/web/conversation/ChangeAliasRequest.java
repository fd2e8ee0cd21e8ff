package io.courier.gateway.web.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;

/**
 * {@code {"alias": "Team"}} sets it, {@code {"alias": null}} removes it; a body without the field says nothing
 * and is refused. A JSON node tells "null" and "absent" apart.
 */
record ChangeAliasRequest(@NotNull(message = "alias is required (null removes it)") JsonNode alias) {
}

package io.courier.api.user;

import java.util.List;

public record UserPage(List<UserView> items, String nextPageToken) {
}

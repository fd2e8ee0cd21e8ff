package io.courier.api.message;

import java.util.List;

/** {@code nextPageToken} ({@link HistoryCursor#token()} of the last item) is null on the last page. */
public record MessagePage(List<MessageView> items, String nextPageToken) {
}

package io.courier.benchmark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;

/**
 * One reader of a conversation's history for {@link MultiplexedClients}: it walks back from the newest page, page
 * after page, like infinite scroll, and starts again from the newest once it got to the oldest. Each answer counts
 * when it is a full page or the oldest one. The page is streamed, not read into a tree: the load generator shares
 * the cores with the server under test.
 */
final class HistoryPages implements MultiplexedClients.Requests {

    static final int PAGE_SIZE = 50;
    private static final JsonFactory JSON = new JsonFactory();

    private final URI server;
    private final String path;
    private final String accessToken;
    private String before; // the previous page's nextPageToken; null for the newest page

    HistoryPages(URI server, ChatFixtures.Conversation conversation, String accessToken) {
        this.server = server;
        this.path = "/api/conversations/" + conversation.id() + "/messages?limit=" + PAGE_SIZE;
        this.accessToken = accessToken;
    }

    @Override
    public byte[] next() {
        return KeepAliveConnection.request(server, "GET", before == null ? path : path + "&before=" + before, null,
                accessToken);
    }

    @Override
    public boolean accept(ByteBuffer body) {
        int items = -1;
        String nextPageToken = null;
        try (JsonParser page = JSON.createParser(body.array(), body.arrayOffset() + body.position(), body.remaining())) {
            if (page.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (page.nextToken() == JsonToken.FIELD_NAME) {
                String field = page.currentName();
                JsonToken value = page.nextToken();
                if (field.equals("items") && value == JsonToken.START_ARRAY) {
                    items = 0;
                    while (page.nextToken() != JsonToken.END_ARRAY) {
                        page.skipChildren();
                        items++;
                    }
                } else if (field.equals("nextPageToken") && value == JsonToken.VALUE_STRING) {
                    nextPageToken = page.getText();
                } else {
                    page.skipChildren();
                }
            }
        } catch (IOException malformed) {
            before = null;
            return false;
        }
        before = nextPageToken;
        return nextPageToken == null || items == PAGE_SIZE;
    }
}

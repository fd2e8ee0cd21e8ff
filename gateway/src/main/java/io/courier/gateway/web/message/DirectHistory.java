package io.courier.gateway.web.message;

import io.courier.api.message.FindMessageHistory;
import io.courier.api.message.HistoryCursor;
import io.courier.gateway.web.DirectAnswers;
import io.courier.gateway.web.Queries;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * {@code GET /api/conversations/{id}/messages}, a page of history, answered without the general request pipeline
 * as {@link DirectPosting} answers posts, and for the same reason: that pipeline cost more CPU than the page itself.
 * <p>
 * It answers only the plain case: a client with a valid access token, no CORS origin, no body, and a query of at
 * most one {@code limit} (1 to 200, digits as the server writes them) and one {@code before} (a token this server
 * made). Anything else, a malformed limit or token included, goes down the general pipeline, whose answer (400,
 * 401, CORS) stays exactly as it was. What it answers is what the controller answers: the same query, a 404 for a
 * conversation the caller may not see, answered as {@link DirectAnswers} answers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 21) // after RequestBodyLimits, before Spring Security (-100)
class DirectHistory implements WebFilter {

    private final Queries queries;
    private final DirectAnswers answers;

    DirectHistory(Queries queries, DirectAnswers answers) {
        this.queries = queries;
        this.answers = answers;
    }

    /** What a plain query asks for; null {@code before} for the newest page. */
    record PageAsked(HistoryCursor before, int limit) {

        /** Null for anything but a plain query: an unknown or repeated parameter, a malformed value, anything encoded. */
        static PageAsked of(String rawQuery) {
            if (rawQuery == null) {
                return new PageAsked(null, MessageController.DEFAULT_PAGE_SIZE);
            }
            HistoryCursor before = null;
            int limit = -1;
            for (String parameter : rawQuery.split("&", -1)) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? null : parameter.substring(equals + 1);
                if (name.equals("limit") && limit < 0 && value != null) {
                    limit = pageSize(value);
                    if (limit < 0) {
                        return null;
                    }
                } else if (name.equals("before") && before == null && value != null) {
                    before = HistoryCursor.parse(value).orElse(null);
                    if (before == null) {
                        return null;
                    }
                } else {
                    return null;
                }
            }
            return new PageAsked(before, limit < 0 ? MessageController.DEFAULT_PAGE_SIZE : limit);
        }

        /** 1 to the largest page, in plain decimal digits without a leading zero; -1 for anything else. */
        private static int pageSize(String digits) {
            if (digits.isEmpty() || digits.length() > 3 || digits.charAt(0) == '0') {
                return -1;
            }
            int size = 0;
            for (int i = 0; i < digits.length(); i++) {
                char c = digits.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                size = size * 10 + (c - '0');
            }
            return size <= MessageController.MAX_PAGE_SIZE ? size : -1;
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        UUID conversationId = request.getMethod() == HttpMethod.GET ? MessagesPath.conversationOf(request) : null;
        if (conversationId == null || !plain(request.getHeaders())) {
            return chain.filter(exchange);
        }
        PageAsked asked = PageAsked.of(request.getURI().getRawQuery());
        if (asked == null) {
            return chain.filter(exchange);
        }
        return answers.asCaller(exchange, chain, caller -> answer(exchange,
                new FindMessageHistory(conversationId, caller, asked.before(), asked.limit())));
    }

    private Mono<Void> answer(ServerWebExchange exchange, FindMessageHistory query) {
        return answers.answer(exchange, MessagesPath.ROUTE, withHeaders ->
                MessageController.page(queries, query)
                        .flatMap(page -> answers.writeJson(withHeaders, HttpStatus.OK, null, page)));
    }

    /** A plain JSON request without a body. */
    private static boolean plain(HttpHeaders headers) {
        return DirectAnswers.plain(headers) && !headers.containsKey(HttpHeaders.TRANSFER_ENCODING)
                && headers.getContentLength() <= 0;
    }
}

package io.courier.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Each client owns one account and session and rotates its refresh token in a loop (POST /auth/refresh). */
final class TokenRotationScenario implements Scenario {

    private final int clients;

    TokenRotationScenario(int clients) {
        this.clients = clients;
    }

    @Override
    public List<String> run(CourierApi api, Duration warmup, Duration duration) throws Exception {
        ClosedLoop.Figures figures = ClosedLoop.run(clients, () -> {
            String[] refreshToken = {api.registerAndLogIn()[1]};
            KeepAliveConnection connection = api.connection();
            return () -> {
                CourierApi.Response rotated = connection.post("/auth/refresh", Map.of("refreshToken", refreshToken[0]), null);
                if (rotated.status() != 200) {
                    return false;
                }
                refreshToken[0] = rotated.body().get("refreshToken").asText();
                return true;
            };
        }, warmup, duration);
        return List.of(figures.describe("token rotation, " + clients + " clients"));
    }
}

package io.courier.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@code GET /api/me} latency for one signed-in user, first on an idle server, then while attackers guess
 * passwords from many threads. The flood's answers are counted by status (429 = throttled).
 */
final class MeUnderLoginFloodScenario implements Scenario {

    private final int attackers;

    MeUnderLoginFloodScenario(int attackers) {
        this.attackers = attackers;
    }

    @Override
    public List<String> run(CourierApi api, Duration warmup, Duration duration) throws Exception {
        String accessToken = api.registerAndLogIn()[0];
        String victim = "victim-" + UUID.randomUUID() + "@example.com";
        CourierApi.expect(api.post("/auth/register", Map.of("email", victim, "password", CourierApi.PASSWORD), null),
                201, "register");
        ClosedLoop.Client me = () -> api.getOnNewConnection("/api/me", accessToken) == 200;
        awaitProjected(me);

        List<String> lines = new ArrayList<>();
        lines.add(ClosedLoop.run(1, () -> me, warmup, duration).describe("GET /api/me, idle server"));

        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLongArray statuses = new AtomicLongArray(600);
        List<Thread> flood = new ArrayList<>();
        for (int i = 0; i < attackers; i++) {
            Thread attacker = new Thread(() -> {
                while (flooding.get()) {
                    try {
                        int status = api.post("/auth/login", Map.of("email", victim, "password", "guess " + UUID.randomUUID()),
                                null).status();
                        statuses.incrementAndGet(Math.min(status, 599));
                    } catch (RuntimeException e) {
                        statuses.incrementAndGet(0);
                    }
                }
            }, "login-flood");
            attacker.setDaemon(true);
            attacker.start();
            flood.add(attacker);
        }
        try {
            lines.add(ClosedLoop.run(1, () -> me, warmup, duration)
                    .describe("GET /api/me, " + attackers + " clients guessing passwords"));
        } finally {
            flooding.set(false);
            for (Thread attacker : flood) {
                attacker.join(30_000);
            }
        }
        StringBuilder answers = new StringBuilder("  login flood answers:");
        for (int status = 0; status < 600; status++) {
            if (statuses.get(status) > 0) {
                answers.append(' ').append(status == 0 ? "error" : status).append('×').append(statuses.get(status));
            }
        }
        lines.add(answers.toString());
        return lines;
    }

    /** The account read model lags the registration by a few milliseconds; measure only once it answers. */
    private static void awaitProjected(ClosedLoop.Client me) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!me.call()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("GET /api/me did not answer 200 within 30 s");
            }
            Thread.sleep(50);
        }
    }
}

package io.courier.benchmark;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs load scenarios against a Courier server and prints figures. By default it starts the packaged
 * gateway jar itself on a fresh embedded PostgreSQL; {@code --url} targets a running server instead.
 * <pre>
 *   java -jar benchmark.jar [--url http://127.0.0.1:8080 [--database-url jdbc:postgresql://...]]
 *                           [--server-warmup 60] [--warmup 120] [--seconds 15] [--history-size 1000000]
 *                           [--jfr] [--timeline] [--java-option -agentpath:...] [scenario ...]
 * </pre>
 */
public final class Benchmark {

    private static final Map<String, Function<Settings, List<Scenario>>> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("rotation", settings -> List.of(new TokenRotationScenario(32), new TokenRotationScenario(128)));
        SCENARIOS.put("me-under-login-flood", settings -> List.of(new MeUnderLoginFloodScenario(16)));
        SCENARIOS.put("messages", settings -> List.of(new PostMessageGroupsScenario(64, 1_000)));
        SCENARIOS.put("large-history", settings -> List.of(new LargeHistoryScenario(64, settings.historySize())));
        SCENARIOS.put("realtime-latency", settings -> List.of(new DeliveryLatencyScenario(100, 100, false),
                new DeliveryLatencyScenario(100, 500, false)));
        SCENARIOS.put("realtime-fanout", settings -> List.of(new FanOutScenario(1_000, 64)));
        SCENARIOS.put("realtime-idle", settings -> List.of(new IdleConnectionsScenario(10_000)));
        SCENARIOS.put("realtime-cross-node", settings -> List.of(new DeliveryLatencyScenario(50, 100, true)));
    }

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        List<Scenario> scenarios = new ArrayList<>();
        for (String name : settings.scenarios().isEmpty() ? List.copyOf(SCENARIOS.keySet()) : settings.scenarios()) {
            if (name.startsWith("rotation=")) {
                // one client count only, e.g. rotation=32
                scenarios.add(new TokenRotationScenario(Integer.parseInt(name.substring("rotation=".length()))));
                continue;
            }
            Function<Settings, List<Scenario>> factory = SCENARIOS.get(name);
            if (factory == null) {
                System.err.println("Unknown scenario '" + name + "'; known: " + SCENARIOS.keySet());
                System.exit(2);
            }
            scenarios.addAll(factory.apply(settings));
        }
        try (CourierServer server = settings.url() != null
                ? CourierServer.external(settings.url(), settings.databaseUrl())
                : CourierServer.start(settings.jar(), settings.jfr(), settings.javaOptions())) {
            ClosedLoop.serverCpu = server::cpuTime;
            ClosedLoop.databaseCpu = server::databaseCpuTime;
            LargeHistoryScenario.jdbcUrl = server.jdbcUrl();
            RealtimeScenarios.server = server;
            if (!settings.serverWarmup().isZero()) {
                // The JIT needs minutes to compile the request path when the application keeps both cores
                // busy: without this, whichever scenario runs first measures a half-compiled server.
                System.out.printf("Warming the server up for %s...%n", settings.serverWarmup());
                new TokenRotationScenario(64).run(new CourierApi(server.baseUri()), settings.serverWarmup(), Duration.ofSeconds(1));
            }
            System.out.printf("Courier benchmark against %s (%d cores, %s warm-up, %s measured per scenario)%n",
                    server.baseUri(), Runtime.getRuntime().availableProcessors(), settings.warmup(), settings.duration());
            for (Scenario scenario : scenarios) {
                for (String line : scenario.run(new CourierApi(server.baseUri()), settings.warmup(), settings.duration())) {
                    System.out.println(line);
                }
            }
        }
    }

    record Settings(URI url, String databaseUrl, Path jar, Duration serverWarmup, Duration warmup, Duration duration,
                    boolean jfr, int historySize, List<String> javaOptions, List<String> scenarios) {

        static Settings parse(String[] args) {
            URI url = null;
            String databaseUrl = null;
            int historySize = 1_000_000;
            List<String> javaOptions = new ArrayList<>();
            Path jar = Path.of("gateway/target/gateway-0.1.0-SNAPSHOT.jar");
            Duration serverWarmup = Duration.ofSeconds(60);
            // a scenario's own code paths: on two busy cores the one C2 compiler thread needs about two minutes
            // of their traffic, and until then takes a fifth of the CPU (measured with async-profiler)
            Duration warmup = Duration.ofSeconds(120);
            Duration duration = Duration.ofSeconds(15);
            boolean jfr = false;
            List<String> scenarios = new ArrayList<>();
            List<String> rest = new ArrayList<>(Arrays.asList(args));
            while (!rest.isEmpty()) {
                String arg = rest.remove(0);
                switch (arg) {
                    case "--url" -> url = URI.create(rest.remove(0));
                    case "--database-url" -> databaseUrl = rest.remove(0);
                    case "--history-size" -> historySize = Integer.parseInt(rest.remove(0));
                    case "--jar" -> jar = Path.of(rest.remove(0));
                    case "--server-warmup" -> serverWarmup = Duration.ofSeconds(Long.parseLong(rest.remove(0)));
                    case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(rest.remove(0)));
                    case "--seconds" -> duration = Duration.ofSeconds(Long.parseLong(rest.remove(0)));
                    case "--jfr" -> jfr = true;
                    case "--timeline" -> ClosedLoop.timeline = true;
                    case "--java-option" -> javaOptions.add(rest.remove(0));
                    default -> scenarios.add(arg);
                }
            }
            return new Settings(url, databaseUrl, jar, serverWarmup, warmup, duration, jfr, historySize, javaOptions, scenarios);
        }
    }
}

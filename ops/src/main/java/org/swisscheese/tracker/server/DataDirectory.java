package org.swisscheese.tracker.server;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Where the local run keeps its data: {@code tracker-data} beside the server jar (or the working directory when not
 * run from a jar), unless {@code tracker.data-dir} says otherwise. It survives restarts.
 */
public class DataDirectory implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("tracker.data-dir")) {
            return;
        }
        ApplicationHome home = new ApplicationHome(TrackerServer.class);
        Path base = home.getSource() != null && home.getSource().isFile()
                ? home.getDir().toPath()
                : Path.of("").toAbsolutePath();
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "tracker-data-dir",
                        Map.of("tracker.data-dir", base.resolve("tracker-data").toString())));
    }
}

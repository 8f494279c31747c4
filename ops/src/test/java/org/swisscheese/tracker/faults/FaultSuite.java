package org.swisscheese.tracker.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where a fault test keeps its processes' data and logs: {@code target/faults/<test>}, emptied when it starts. */
final class FaultSuite {

    private FaultSuite() {}

    static Path directory(Class<?> test) {
        Path dir = Path.of(System.getProperty("faults.dir", "target/faults")).resolve(test.getSimpleName());
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(path -> path.toFile().delete());
                }
            }
            return Files.createDirectories(dir).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

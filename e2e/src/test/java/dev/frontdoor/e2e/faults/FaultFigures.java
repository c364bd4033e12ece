package dev.frontdoor.e2e.faults;

import dev.frontdoor.e2e.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The figures the README publishes, written by the fault tests themselves: one table row per fault
 * (fault × requests sent × failed × p99 during the fault × time to recover) to {@code e2e/target/fault-figures.md}.
 */
final class FaultFigures {

    private static final Path FILE = Repository.ROOT.resolve("e2e/target/fault-figures.md");

    private FaultFigures() {
    }

    static synchronized void record(String fault, MixedLoad.Report report, long failed, long p99DuringMillis,
                                    String recovery) {
        String row = "| " + fault + " | " + report.results().size() + " | " + failed + " (" + report.rejectedWrites()
                + " writes refused 502/503, none applied twice) | " + p99DuringMillis + " ms | " + recovery + " |\n";
        System.out.print("FAULT FIGURES " + row);
        try {
            Files.createDirectories(FILE.getParent());
            if (!Files.exists(FILE)) {
                Files.writeString(FILE, "| fault | requests sent | failed | p99 during the fault | time to recover |\n"
                        + "|---|---|---|---|---|\n");
            }
            Files.writeString(FILE, row, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

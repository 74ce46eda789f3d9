package io.tandem.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A PostgreSQL that outlived the JVM that started it. The embedded server runs as a child process that a killed JVM
 * (SIGKILL, OOM killer, power cut of the JVM alone) cannot stop; it keeps running, re-parented to init, and holds the
 * data directory, so the next start on that directory would wait for it in vain.
 * <p>
 * Before a start, {@link #stopIfOrphaned} stops it, but only once it has proven that it is ours and orphaned:
 * <ul>
 *   <li>no live JVM holds the directory's {@code epg-lock}, which every embedded start locks for as long as its JVM
 *       lives (a live one makes the start fail at once, naming the directory);</li>
 *   <li>the process named by {@code postmaster.pid} is alive, runs a {@code postgres} binary from the embedded
 *       binaries' working directory and serves this very data directory, by the lock file and its command line.</li>
 * </ul>
 * It gets a fast shutdown (SIGINT: open transactions roll back, a checkpoint is written), so the next start finds the
 * data directory clean. A process that does not pass is left alone: a stale {@code postmaster.pid} whose number now
 * belongs to something else is PostgreSQL's to sort out.
 */
final class OrphanedPostmaster {

    private static final String ZONKY_LOCK = "epg-lock";
    private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(60);
    private static final Duration IMMEDIATE_SHUTDOWN = Duration.ofSeconds(15);

    private OrphanedPostmaster() {
    }

    /** @param notices where to report what it found and did (the application's log may not be up yet) */
    static void stopIfOrphaned(Path dataDirectory, Consumer<String> notices) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        Optional<ProcessHandle> postmaster = livePostmaster(directory);
        if (postmaster.isEmpty()) {
            return;
        }
        if (!ownerIsGone(directory)) {
            throw new IllegalStateException("PostgreSQL data in " + directory + " is in use by another running "
                                            + "application (pid " + postmaster.get().pid() + "); stop it first");
        }
        if (!servesOurData(postmaster.get(), directory)) {
            notices.accept("postmaster.pid in " + directory + " names process " + postmaster.get().pid()
                           + ", which is not an embedded PostgreSQL of this data: left alone");
            return;
        }
        notices.accept("PostgreSQL (pid " + postmaster.get().pid() + ") outlived the application that started it on "
                       + directory + ": shutting it down");
        stop(postmaster.get());
        notices.accept("Orphaned PostgreSQL (pid " + postmaster.get().pid() + ") stopped");
    }

    private static Optional<ProcessHandle> livePostmaster(Path directory) {
        Path pidFile = directory.resolve("postmaster.pid");
        List<String> lines = readLines(pidFile);
        if (lines.size() < 2 || !lines.get(0).trim().matches("\\d+")) {
            return Optional.empty();
        }
        if (!Path.of(lines.get(1).trim()).toAbsolutePath().normalize().equals(directory)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
    }

    /** Whether the JVM that started the server is gone: nobody holds the lock it keeps while it lives. */
    private static boolean ownerIsGone(Path directory) {
        Path lockFile = directory.resolve(ZONKY_LOCK);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException ownedByThisJvm) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check the lock of " + directory, e);
        }
    }

    private static boolean servesOurData(ProcessHandle process, Path directory) {
        ProcessHandle.Info info = process.info();
        Optional<Path> binary = info.command().map(Path::of);
        boolean ourBinary = binary.isPresent()
                            && binary.get().getFileName().toString().equals("postgres")
                            && binary.get().toAbsolutePath().normalize().startsWith(binariesDirectory());
        List<String> arguments = info.arguments().map(List::of).orElse(List.of());
        int dataOption = arguments.indexOf("-D");
        boolean ourData = dataOption >= 0 && dataOption + 1 < arguments.size()
                          && Path.of(arguments.get(dataOption + 1)).toAbsolutePath().normalize().equals(directory);
        return ourBinary && ourData;
    }

    /** Where the embedded binaries are unpacked (zonky's working directory). */
    private static Path binariesDirectory() {
        String temporary = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString();
        return Path.of(System.getProperty("ot.epg.working-dir", temporary)).toAbsolutePath().normalize();
    }

    private static void stop(ProcessHandle postmaster) {
        if (signal("INT", postmaster, FAST_SHUTDOWN) || signal("QUIT", postmaster, IMMEDIATE_SHUTDOWN)) {
            return;
        }
        throw new IllegalStateException("The orphaned PostgreSQL (pid " + postmaster.pid() + ") did not stop");
    }

    /** Sends the signal and waits for the process to exit; whether it did. */
    private static boolean signal(String signal, ProcessHandle process, Duration patience) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            kill.waitFor(10, TimeUnit.SECONDS);
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (IOException | ExecutionException e) {
            throw new IllegalStateException("Could not signal PostgreSQL (pid " + process.pid() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping PostgreSQL", e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}

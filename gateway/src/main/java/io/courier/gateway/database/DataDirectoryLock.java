package io.courier.gateway.database;

import io.courier.gateway.config.InvalidConfigurationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * Only one Courier server may use an embedded database directory at a time. The lock sits next to the
 * directory ({@code postgres.lock} beside {@code postgres/}, as initdb wants an empty directory) and is an
 * OS file lock: the OS drops it when its holder dies, even on kill -9, so a crashed server never blocks the
 * next one, and a reused pid cannot fake an owner. The file names its holder for the refusal message.
 */
final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDirectory) {
        Path file = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".lock");
        try {
            FileChannel channel = FileChannel.open(file, CREATE, READ, WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                lock = null;
            }
            if (lock == null) {
                String owner = owner(channel);
                channel.close();
                throw new InvalidConfigurationException("The embedded database in " + dataDirectory.toAbsolutePath()
                        + " is in use by another Courier server (" + owner + ")",
                        "Stop that server first, or give this one its own COURIER_DATA_DIR.");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(describe(ProcessHandle.current()).getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock " + file.toAbsolutePath(), e);
        }
    }

    @Override
    public void close() throws IOException {
        // The file stays: deleting it could race with the next server locking it.
        if (!channel.isOpen()) {
            return;
        }
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static String describe(ProcessHandle process) {
        return "pid " + process.pid() + process.info().startInstant().map(Instant::toString)
                .map(started -> ", started " + started).orElse("");
    }

    private static String owner(FileChannel channel) {
        try {
            ByteBuffer content = ByteBuffer.allocate(200);
            channel.read(content, 0);
            String owner = new String(content.array(), 0, content.position(), StandardCharsets.UTF_8).strip();
            return owner.isEmpty() ? "pid unknown" : owner;
        } catch (IOException unreadable) {
            return "pid unknown";
        }
    }
}

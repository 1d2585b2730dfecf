package io.dataflow.privatelink.simulator.common;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One store's state on disk, so that a simulator restarted on the same folder is the same cloud: what
 * it acknowledged is written (temporary file, fsync, atomic rename) before the response leaves, as a
 * cloud's API would. Java serialization of the store's immutable records: the file belongs to this
 * build of the simulators; one written by another build is refused with what to do, never half-read.
 */
public final class StateFile {

    private final Path file;
    private byte[] written;

    public StateFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The parts saved last, in the order they were given to {@link #serialize}; empty when there is no file. */
    public Optional<Object[]> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            Object[] parts = (Object[]) in.readObject();
            return Optional.of(parts);
        } catch (InvalidClassException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalStateException("The simulator state in " + file + " was written by another version of "
                    + "the simulators (" + e.getMessage() + "); delete the file, or start the stack with --reset.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the simulator state in " + file, e);
        }
    }

    /**
     * Takes the state from {@code snapshot} and writes it when it differs from what was written last. The
     * snapshot is taken under this file's lock, so a later state is never overwritten by an earlier one.
     */
    public synchronized void save(Supplier<byte[]> snapshot) {
        byte[] state = snapshot.get();
        if (Arrays.equals(state, written)) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(java.nio.ByteBuffer.wrap(state));
                out.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            written = state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulator state to " + file, e);
        }
    }

    /** The parts (maps and sets of serializable records) as one byte array; call under the store's lock. */
    public static byte[] serialize(Object... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(parts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the simulator state", e);
        }
        return bytes.toByteArray();
    }
}

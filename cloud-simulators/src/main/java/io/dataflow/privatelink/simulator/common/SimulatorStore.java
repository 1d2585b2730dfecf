package io.dataflow.privatelink.simulator.common;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * One simulated service's state and the rules that guard it. Every operation is synchronized on the store,
 * so multi-step rules (ClientToken idempotency, accept-then-transition) are atomic; values handed out are
 * immutable, rendered without the lock. What a restarted simulator must find again is one serializable
 * {@link State}, which {@link #keepIn} keeps in a file, written (temporary file, fsync, atomic rename) before
 * the response that acknowledges a change, as a cloud's API would. A file another build of the simulators
 * wrote is refused with what to do, never half-read.
 *
 * @param <S> the store's state
 */
public abstract class SimulatorStore<S extends SimulatorStore.State> {

    /** What a store keeps across restarts; {@link #nextSeq} numbers what it creates, in creation (= paging) order. */
    public abstract static class State implements Serializable {
        long seq;
    }

    protected S state;
    private final Clock clock;
    // Guards the file, so that a later state is never overwritten by an earlier one; not the store's lock,
    // which would hold every request while one is written.
    private final Object fileLock = new Object();
    private Path file;
    private byte[] written;

    protected SimulatorStore(S empty, Clock clock) {
        this.state = empty;
        this.clock = clock;
    }

    protected Instant now() {
        return clock.instant();
    }

    protected long nextSeq() {
        State numbered = state;
        return ++numbered.seq;
    }

    /** The resource a Java-API hook names; an unknown id is the caller's mistake. */
    protected static <T> T existing(Map<String, T> resources, String id, String what) {
        T resource = resources.get(id);
        if (resource == null) {
            throw new IllegalArgumentException("no such " + what + ": " + id);
        }
        return resource;
    }

    /** Restores the state {@code file} holds (if it exists), then keeps it there: see {@link #save}. */
    @SuppressWarnings("unchecked")
    void keepIn(Path file) {
        if (Files.exists(file)) {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
                Object saved = state.getClass().cast(in.readObject());
                synchronized (this) {
                    state = (S) saved;
                }
            } catch (InvalidClassException | ClassNotFoundException | ClassCastException e) {
                throw new IllegalStateException("The simulator state in " + file + " is not what this version of the "
                        + "simulators writes (" + e.getMessage() + "); delete the file, or start the stack with --reset.",
                        e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the simulator state in " + file, e);
            }
        }
        this.file = file;
        save();
    }

    /** Writes the state to the file it is kept in (if any) when it changed since it was last written. */
    void save() {
        if (file == null) {
            return;
        }
        synchronized (fileLock) {
            byte[] bytes;
            synchronized (this) {
                bytes = serialize(state);
            }
            if (Arrays.equals(bytes, written)) {
                return;
            }
            try {
                Files.createDirectories(file.getParent());
                Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
                try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    out.write(ByteBuffer.wrap(bytes));
                    out.force(true);
                }
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                written = bytes;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the simulator state to " + file, e);
            }
        }
    }

    /** A state as the bytes of its file. */
    public static byte[] serialize(Serializable state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the simulator state", e);
        }
        return bytes.toByteArray();
    }
}

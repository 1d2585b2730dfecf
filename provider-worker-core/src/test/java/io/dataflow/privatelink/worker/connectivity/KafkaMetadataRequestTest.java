package io.dataflow.privatelink.worker.connectivity;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server that is not a Kafka, or a slow one, costs a test its timeout at most and is reported. */
class KafkaMetadataRequestTest {

    @Test
    void aServerTricklingItsAnswerIsGivenUpAtTheTimeoutNotAtEachRead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread trickler = new Thread(() -> answer(server, true));
            trickler.setDaemon(true);
            trickler.start();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(SocketTimeoutException.class,
                    () -> KafkaMetadataRequest.send("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(1))));
        }
    }

    @Test
    void anAnswerAnnouncingMoreThanAMebibyteIsNotRead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread huge = new Thread(() -> answer(server, false));
            huge.setDaemon(true);
            huge.start();
            IOException refused = assertThrows(IOException.class,
                    () -> KafkaMetadataRequest.send("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(3)));
            assertTrue(refused.getMessage().contains("is not a Kafka response"), refused.getMessage());
        }
    }

    /** Reads the request; then either one byte every 300 ms (of a 1 KiB answer) or a 2 GiB size. */
    private static void answer(ServerSocket server, boolean trickle) {
        try (Socket client = server.accept()) {
            InputStream in = client.getInputStream();
            in.read(new byte[4096]);
            OutputStream out = client.getOutputStream();
            if (!trickle) {
                out.write(new byte[] {0x7f, 0, 0, 0});
                out.flush();
                in.read();
                return;
            }
            out.write(new byte[] {0, 0, 4, 0});
            for (int i = 0; i < 1024; i++) {
                out.write(0);
                out.flush();
                Thread.sleep(300);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up: what the test wants
        }
    }
}

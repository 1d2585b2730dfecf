package io.dataflow.privatelink.worker.connectivity;

import org.apache.kafka.common.Node;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Comparator;

/**
 * One Kafka metadata request on a plain socket, in Kafka's own wire format (the client library's request and
 * response classes). A Kafka client would go on to connect to the brokers it learns about by their advertised
 * names, which is exactly what the test must check itself, through the VPC's resolver; so it asks once, here.
 * Version 9 (Kafka 2.4 and later): the first flexible version, still served by Kafka 4.
 */
final class KafkaMetadataRequest {

    static final short VERSION = 9;
    /** A metadata answer without topics is a few hundred bytes a broker; more is not a Kafka worth reading. */
    private static final int MAX_RESPONSE = 1024 * 1024;

    private KafkaMetadataRequest() {
    }

    static PlatformNetwork.KafkaMetadata send(String address, int port, Duration timeout) throws IOException {
        long started = System.nanoTime();
        MetadataRequest request = new MetadataRequest.Builder(new MetadataRequestData().setTopics(java.util.List.of())
                .setAllowAutoTopicCreation(false)).build(VERSION);
        ByteBuffer bytes = request.serializeWithHeader(new RequestHeader(ApiKeys.METADATA, VERSION,
                "plc-connectivity-test", 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(bytes.remaining());
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            out.flush();
            // One deadline for the whole answer: a server trickling bytes never holds the test past it.
            long deadline = started + timeout.toNanos();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = ByteBuffer.wrap(read(socket, in, 4, deadline)).getInt();
            if (size <= 0 || size > MAX_RESPONSE) {
                throw new IOException("the answer is not a Kafka response (" + size + " bytes announced)");
            }
            byte[] body = read(socket, in, size, deadline);
            ByteBuffer response = ByteBuffer.wrap(body);
            ResponseHeader.parse(response, ApiKeys.METADATA.responseHeaderVersion(VERSION));
            MetadataResponse metadata = MetadataResponse.parse(new ByteBufferAccessor(response), VERSION);
            return new PlatformNetwork.KafkaMetadata(metadata.clusterId(), metadata.brokers().stream()
                    .sorted(Comparator.comparingInt(Node::id))
                    .map(n -> new PlatformNetwork.Broker(n.id(), n.host(), n.port(), n.rack())).toList(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (RuntimeException e) {
            // The client library's parser throws unchecked on bytes that are not a metadata response.
            throw new IOException("the answer is not a Kafka metadata response: " + e.getMessage(), e);
        }
    }

    /** Reads exactly {@code count} bytes before the deadline (each read waits at most what is left of it). */
    private static byte[] read(Socket socket, DataInputStream in, int count, long deadline) throws IOException {
        byte[] bytes = new byte[count];
        int done = 0;
        while (done < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new java.net.SocketTimeoutException("no whole answer within the test's timeout");
            }
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
            int n = in.read(bytes, done, count - done);
            if (n < 0) {
                throw new java.io.EOFException("the connection closed after " + done + " of " + count + " bytes");
            }
            done += n;
        }
        return bytes;
    }
}

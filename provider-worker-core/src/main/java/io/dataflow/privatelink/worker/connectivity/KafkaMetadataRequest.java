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
    private static final int MAX_RESPONSE = 16 * 1024 * 1024;

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
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            if (size <= 0 || size > MAX_RESPONSE) {
                throw new IOException("the answer is not a Kafka response (" + size + " bytes announced)");
            }
            byte[] body = new byte[size];
            in.readFully(body);
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
}

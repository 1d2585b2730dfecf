package io.dataflow.privatelink.kit.outbox;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Which refusals of the broker are about the record itself, so that sending it again can never work:
 * too large, invalid, for a topic name Kafka does not accept. Everything else (the broker unreachable,
 * a leader election, a timeout, even missing rights that an operator can grant) is waited out.
 */
final class KafkaRefusals {

    private KafkaRefusals() {
    }

    static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException
                    || t instanceof InvalidRecordException || t instanceof InvalidTopicException
                    || t instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }
}

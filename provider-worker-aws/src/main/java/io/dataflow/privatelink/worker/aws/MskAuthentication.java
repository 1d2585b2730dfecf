package io.dataflow.privatelink.worker.aws;

/** How the platform's clients authenticate to an MSK cluster over a multi-VPC connection (MSK's names). */
enum MskAuthentication {
    SASL_SCRAM,
    SASL_IAM
}

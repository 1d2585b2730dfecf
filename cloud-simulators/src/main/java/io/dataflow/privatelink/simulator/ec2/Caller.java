package io.dataflow.privatelink.simulator.ec2;

/** Who sent a request (the account behind the access key) and to which region it was signed. */
record Caller(String accountId, String region) {

    /** The IAM principal AWS matches against a service's allowed principals for a root-credential caller. */
    String principal() {
        return rootPrincipal(accountId);
    }

    static String rootPrincipal(String accountId) {
        return "arn:aws:iam::" + accountId + ":root";
    }
}

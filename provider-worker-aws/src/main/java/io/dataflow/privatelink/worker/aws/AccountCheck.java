package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.health.CloudCredentials;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Which AWS account the worker's credentials belong to (STS GetCallerIdentity), checked a second after start
 * and every five minutes: credentials of another account than {@code plc.aws.platform-account-id} would make
 * endpoints where no cluster's network is, so they make readiness DOWN, with both accounts named, and
 * connections wait instead of failing. Each role of {@code plc.aws.account-roles} is assumed and checked the
 * same way (the role must land in the account it is listed for). Credentials that cannot be loaded or are
 * refused, and a role that cannot be assumed, are reported the same way by {@link AwsCalls}.
 */
@ApplicationScoped
public class AccountCheck {

    private static final Logger LOG = Logger.getLogger(AccountCheck.class);

    private final AwsClients clients;
    private final AwsCalls calls;
    private final CloudCredentials credentials;
    private final Optional<String> expectedAccount;
    private final Set<String> roleAccounts;

    AccountCheck(AwsClients clients, AwsCalls calls, CloudCredentials credentials, AwsConfig config) {
        this.clients = clients;
        this.calls = calls;
        this.credentials = credentials;
        this.expectedAccount = config.platformAccountId();
        this.roleAccounts = new TreeSet<>(config.accountRoles().keySet());
    }

    @Scheduled(every = "5m", delay = 1, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            check();
            checkRoles();
        } catch (CloudException e) {
            LOG.warnf("Cannot check the AWS account of the worker's credentials: %s", e.getMessage());
        }
    }

    /** The account of the credentials; a mismatch with the platform account is recorded as a rejection. */
    public String check() {
        String account = calls.call(() -> clients.sts().getCallerIdentity()).account();
        if (expectedAccount.isPresent() && !expectedAccount.get().equals(account)) {
            credentials.rejected("WrongAccount", "the credentials belong to account " + account + ", not the "
                    + "platform account " + expectedAccount.get() + " (plc.aws.platform-account-id)");
        } else {
            LOG.debugf("The worker's AWS credentials belong to account %s", account);
        }
        return account;
    }

    /** Assumes each listed role and checks that it lands in the account it is listed for. */
    public void checkRoles() {
        for (String listed : roleAccounts) {
            String account = calls.call(() -> clients.stsAsRoleOf(listed).orElseThrow().getCallerIdentity()).account();
            if (!listed.equals(account)) {
                credentials.rejected("WrongAccount", "the role listed for account " + listed
                        + " (plc.aws.account-roles) belongs to account " + account);
            }
        }
    }
}

package io.courier.gateway.axon;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Axon's transactions, except for {@link GroupCommittedCommands}: their reads run on their own (each an
 * autocommitted statement) and their events are committed by the {@link EventGroupCommitter}, so a database
 * transaction around them would only cost a BEGIN and a COMMIT and hold a pooled connection for nothing.
 */
final class GroupCommitTransactions implements TransactionManager {

    private static final Transaction NONE = new Transaction() {
        @Override
        public void commit() {
            // the events were committed by the group committer before the unit of work commits
        }

        @Override
        public void rollback() {
            // nothing was written outside the group committer, which never committed a failed command's events
        }
    };

    private final TransactionManager transactions;

    GroupCommitTransactions(TransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public Transaction startTransaction() {
        return GroupCommittedCommands.inProgress() ? NONE : transactions.startTransaction();
    }
}

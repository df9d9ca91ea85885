package dev.hixai2api.simulator;

import dev.hixai2api.hix.HixModel;
import dev.hixai2api.hix.ModelType;

/** A simulated HixAI account, keyed by its session token. All state is guarded by the instance lock. */
public final class Account {

    private final String token;
    private final boolean subscriber;
    private int standardCredit;
    private int advancedCredit;
    private int standardUsed;
    private int advancedUsed;
    private boolean activeSub;
    private boolean loggedIn = true;
    private boolean singleUsageEntry;
    private boolean emptyUsage;
    private Failure deadShape = Failure.NOT_LOGIN_BODY;
    private Failure failure;
    private int chatCount;

    Account(String token, int standardCredit, int advancedCredit, boolean subscriber) {
        this.token = token;
        this.standardCredit = standardCredit;
        this.advancedCredit = advancedCredit;
        this.subscriber = subscriber;
        this.activeSub = subscriber;
    }

    public String token() {
        return token;
    }

    public synchronized int standardCredit() {
        return standardCredit;
    }

    public synchronized int advancedCredit() {
        return advancedCredit;
    }

    public synchronized boolean activeSub() {
        return activeSub;
    }

    public synchronized boolean loggedIn() {
        return loggedIn;
    }

    public synchronized Failure deadShape() {
        return deadShape;
    }

    public synchronized Failure failure() {
        return failure;
    }

    /** Accepted chat calls of this account. */
    public synchronized int chatCount() {
        return chatCount;
    }

    public synchronized void setStandardCredit(int credit) {
        standardCredit = credit;
    }

    public synchronized void setAdvancedCredit(int credit) {
        advancedCredit = credit;
    }

    /**
     * Lets a test end (or restart) the subscription: a subscriber whose subscription ended still shows its
     * advanced usage entry, with isActiveSub false.
     */
    public synchronized void setActiveSub(boolean active) {
        activeSub = active;
    }

    /** false: the session is dead and every /api call answers with the dead shape. */
    public synchronized void setLoggedIn(boolean value) {
        loggedIn = value;
    }

    /** How a dead session answers: UNAUTHORIZED_HTTP, TRPC_UNAUTHORIZED or NOT_LOGIN_BODY. */
    public synchronized void setDeadShape(Failure shape) {
        if (shape != Failure.UNAUTHORIZED_HTTP && shape != Failure.TRPC_UNAUTHORIZED
                && shape != Failure.NOT_LOGIN_BODY) {
            throw new IllegalArgumentException("not a dead-session shape: " + shape);
        }
        deadShape = shape;
    }

    /** This account fails every createChat/chat call that way; null makes it healthy again. */
    public synchronized void setFailure(Failure value) {
        failure = value;
    }

    /** A subscriber whose usage shows only the standard entry. */
    public synchronized void setSingleUsageEntry(boolean value) {
        singleUsageEntry = value;
    }

    /** The usage call answers with an empty usageList. */
    public synchronized void setEmptyUsage(boolean value) {
        emptyUsage = value;
    }

    boolean subscriber() {
        return subscriber;
    }

    synchronized boolean singleUsageEntry() {
        return singleUsageEntry;
    }

    synchronized boolean emptyUsage() {
        return emptyUsage;
    }

    synchronized int standardUsed() {
        return standardUsed;
    }

    synchronized int advancedUsed() {
        return advancedUsed;
    }

    synchronized boolean canPay(HixModel model) {
        if (model.type() == ModelType.ADVANCED) {
            return activeSub && advancedCredit >= model.credit();
        }
        return standardCredit >= model.credit();
    }

    /** Debits one message of the model and counts the chat; false when the credit does not cover it. */
    synchronized boolean tryDebit(HixModel model) {
        if (!canPay(model)) {
            return false;
        }
        if (model.type() == ModelType.ADVANCED) {
            advancedCredit -= model.credit();
            advancedUsed += model.credit();
        } else {
            standardCredit -= model.credit();
            standardUsed += model.credit();
        }
        chatCount++;
        return true;
    }
}

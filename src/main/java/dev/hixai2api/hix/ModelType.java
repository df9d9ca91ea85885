package dev.hixai2api.hix;

/** Which HixAI credit a model consumes. */
public enum ModelType {
    /** Paid from the standard credit every account has. */
    STANDARD,
    /** Paid from the advanced credit, which only an active subscription has. */
    ADVANCED
}

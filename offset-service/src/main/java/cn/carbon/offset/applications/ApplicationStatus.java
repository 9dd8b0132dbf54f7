package cn.carbon.offset.applications;

import java.util.Set;

/** The review chain: the entity applies, its province reviews, the registry confirms. */
public enum ApplicationStatus {
    PENDING_REVIEW, APPROVED, REJECTED, WITHDRAWN, CONFIRMED;

    /** Counted against the cap as pending, and holding their lots' quantities reserved. */
    public static final Set<ApplicationStatus> PENDING = Set.of(PENDING_REVIEW, APPROVED);

    public boolean isPending() {
        return PENDING.contains(this);
    }
}

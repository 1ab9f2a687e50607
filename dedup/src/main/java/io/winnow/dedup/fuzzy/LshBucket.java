package io.winnow.dedup.fuzzy;

import java.io.Serializable;

/** The members (graph node ids, ascending) of one LSH bucket that holds at least two documents. */
public final class LshBucket implements Serializable {
    private static final long serialVersionUID = 1L;

    private long[] members;

    public LshBucket() {}

    LshBucket(long[] members) {
        this.members = members;
    }

    public long[] getMembers() {
        return members;
    }

    public void setMembers(long[] members) {
        this.members = members;
    }
}

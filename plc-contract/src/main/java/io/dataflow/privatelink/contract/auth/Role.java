package io.dataflow.privatelink.contract.auth;

/** What a caller may do in a project: a viewer reads, an editor also writes. */
public enum Role {
    VIEWER,
    EDITOR;

    public boolean allows(Role needed) {
        return this == EDITOR || needed == VIEWER;
    }
}

package dk.tidlig.store;

/** What an identity-vault entry holds. */
public enum IdentityKind {
    CPR, NAME, ADDRESS
}

package io.chatserver.lastseenservice.privacy;

/** Who may see a user's online status and last seen (R13, R38). */
public enum Visibility {
    EVERYONE,
    /** The users this user saved as contacts. */
    CONTACTS,
    NOBODY;

    /** Whether a user with this setting shows their presence to another (inContacts: the other is their contact). */
    public boolean shows(boolean inContacts) {
        return this == EVERYONE || (this == CONTACTS && inContacts);
    }
}

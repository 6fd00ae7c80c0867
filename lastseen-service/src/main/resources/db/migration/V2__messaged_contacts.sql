-- Contacts come from two places: saved (PUT /v1/contacts/{id}) and messaged (the owner sent the contact a
-- one-to-one message; message-service announces it over Kafka). A row stays while either is true; the
-- saved-contact limit counts saved rows only.
ALTER TABLE contacts
    ADD COLUMN saved    BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN messaged BOOLEAN NOT NULL DEFAULT FALSE;

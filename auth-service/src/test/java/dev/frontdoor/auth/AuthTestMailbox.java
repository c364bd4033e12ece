package dev.frontdoor.auth;

import dev.frontdoor.testsupport.mail.MailboxTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** A real SMTP server for every test of this module (global scope): the mails auth-service sends land there. */
@WithTestResource(value = MailboxTestResource.class, scope = TestResourceScope.GLOBAL)
public final class AuthTestMailbox {

    private AuthTestMailbox() {
    }
}

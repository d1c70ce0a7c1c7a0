package no.rusvarsel.devstack.authz;

import no.rusvarsel.devstack.StackProcess;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/** The real dev stack for the authorisation matrix: ports, dev provider keys, role tokens and the shared JWT secret. */
final class AuthzStack extends StackProcess {

    final String jwtSecret;

    AuthzStack(Map<String, String> serviceEnvironment) throws IOException, InterruptedException {
        super("authz-it", serviceEnvironment, Duration.ofSeconds(240));
        jwtSecret = jwtSecret();
    }
}

package io.chatserver.platform.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** An authenticated request: controllers receive the {@link AuthenticatedDevice} as principal. */
final class DeviceAuthentication extends AbstractAuthenticationToken {

    private final AuthenticatedDevice device;
    private final String token;

    DeviceAuthentication(AuthenticatedDevice device, String token) {
        super(AuthorityUtils.NO_AUTHORITIES);
        this.device = device;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public AuthenticatedDevice getPrincipal() {
        return device;
    }

    @Override
    public String getCredentials() {
        return token;
    }
}

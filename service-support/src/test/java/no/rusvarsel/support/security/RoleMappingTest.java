package no.rusvarsel.support.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleMappingTest {

    @Test
    void shouldTakeRoleNamesFromATopLevelListAsTheyAre() {
        var roles = RoleMapping.parse("roles", "").rolesIn(Map.of("roles", List.of("ANALYST", "OPERATOR")));

        assertThat(roles).containsExactly("ANALYST", "OPERATOR");
    }

    @Test
    void shouldReadASingleStringClaim() {
        assertThat(RoleMapping.parse("role", null).rolesIn(Map.of("role", "ADMIN"))).containsExactly("ADMIN");
    }

    @Test
    void shouldFollowADottedPathIntoNestedClaims() {
        var claims = Map.<String, Object>of(
                "realm_access", Map.of("roles", List.of("offline_access", "ANALYST")),
                "resource_access", Map.of("rusvarsel", Map.of("roles", List.of("OPERATOR"))));

        assertThat(RoleMapping.parse("realm_access.roles", "").rolesIn(claims)).containsExactly("ANALYST");
        assertThat(RoleMapping.parse("resource_access.rusvarsel.roles", "").rolesIn(claims)).containsExactly("OPERATOR");
    }

    @Test
    void shouldTakeAClaimNamedWithDotsWholeBeforeReadingItAsAPath() {
        var claims = Map.<String, Object>of("https://rusvarsel.no/roles", List.of("ADMIN"));

        assertThat(RoleMapping.parse("https://rusvarsel.no/roles", "").rolesIn(claims)).containsExactly("ADMIN");
    }

    @Test
    void shouldTranslateValuesThroughTheMapping() {
        var mapping = RoleMapping.parse("roles", "rusvarsel-analyst=ANALYST, Rusvarsel.Operator=OPERATOR");

        var roles = mapping.rolesIn(Map.of("roles", List.of("Rusvarsel.Operator", "rusvarsel-analyst")));

        assertThat(roles).containsExactly("OPERATOR", "ANALYST");
    }

    @Test
    void shouldAcceptScopeLikeValuesWithColonsAndSlashes() {
        var mapping = RoleMapping.parse("scope", "nhn:rusvarsel/analyst=ANALYST");

        assertThat(mapping.rolesIn(Map.of("scope", List.of("openid", "nhn:rusvarsel/analyst")))).containsExactly("ANALYST");
    }

    @Test
    void shouldLetOneValueGrantSeveralRolesAndSeveralValuesOneRole() {
        var mapping = RoleMapping.parse("roles", "lead=OPERATOR,lead=ANALYST,analyst=ANALYST");

        assertThat(mapping.rolesIn(Map.of("roles", List.of("lead", "analyst")))).containsExactly("OPERATOR", "ANALYST");
    }

    @Test
    void shouldGrantNothingForUnmappedValuesOnceAMappingIsGiven() {
        var mapping = RoleMapping.parse("roles", "rusvarsel-admin=ADMIN");

        // a realm-wide ADMIN role meant for another application must not make an ADMIN here
        assertThat(mapping.rolesIn(Map.of("roles", List.of("ADMIN", "uma_authorization")))).isEmpty();
    }

    @Test
    void shouldDropValuesThatAreNotRusvarselRoles() {
        var roles = RoleMapping.parse("roles", "").rolesIn(Map.of("roles", List.of("SUPERUSER", "analyst", "ANALYST")));

        assertThat(roles).containsExactly("ANALYST");
    }

    @Test
    void shouldIgnoreNonStringValuesAndMissingOrMistypedClaims() {
        var mapping = RoleMapping.parse("realm_access.roles", "");

        assertThat(mapping.rolesIn(Map.of())).isEmpty();
        assertThat(mapping.rolesIn(Map.of("realm_access", "ANALYST"))).isEmpty();
        assertThat(mapping.rolesIn(Map.of("realm_access", Map.of("roles", List.of(42, "OPERATOR"))))).containsExactly("OPERATOR");
        assertThat(mapping.rolesIn(Map.of("realm_access", Map.of("roles", Map.of("ADMIN", true))))).isEmpty();
    }

    @Test
    void shouldRejectAMappingToSomethingThatIsNotARole() {
        assertThatThrownBy(() -> RoleMapping.parse("roles", "rusvarsel-analyst=ANALYSTS"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rusvarsel-analyst=ANALYSTS");
        assertThatThrownBy(() -> RoleMapping.parse("roles", "ANALYST"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value=ROLE");
        assertThatThrownBy(() -> RoleMapping.parse(" ", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("roles claim");
    }
}

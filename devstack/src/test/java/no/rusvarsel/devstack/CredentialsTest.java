package no.rusvarsel.devstack;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialsTest {

    @TempDir
    Path dir;

    @Test
    void credentialsJsonHasTheDocumentedShape() {
        var secrets = DevSecrets.loadOrCreate(dir, new SecureRandom());
        var tokens = DevTokens.forAllRoles(secrets.jwtSecret(), Instant.now());
        var json = Credentials.of(new Ports(8081, 8082, 8083, 9092, 5432), "127.0.0.1:9092", secrets, tokens).toJson();

        assertThat(json).startsWith("{\"urls\":{\"ingest\":\"http://127.0.0.1:8081\",\"analytics\":\"http://127.0.0.1:8082\","
                + "\"alerts\":\"http://127.0.0.1:8083\",\"kafka\":\"127.0.0.1:9092\",\"postgres\":\"jdbc:postgresql://127.0.0.1:5432/\"},"
                + "\"providers\":{\"wastewater\":\"rv_");
        assertThat(json).containsSubsequence("\"providers\":{", "\"wastewater\":\"rv_", "\"drug-checking\":\"rv_", "\"seizure\":\"rv_",
                "\"patient-event\":\"rv_", "\"syringe\":\"rv_", "},\"tokens\":{\"ANALYST\":\"ey", "\"OPERATOR\":\"ey", "\"ADMIN\":\"ey");
        assertThat(json).endsWith("\"}}");

        var back = Json.read(json, Credentials.class);
        assertThat(back.providers()).containsOnlyKeys("wastewater", "drug-checking", "seizure", "patient-event", "syringe");
        assertThat(back.tokens()).containsOnlyKeys("ANALYST", "OPERATOR", "ADMIN");
        assertThat(back.urls().postgres()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/");
    }

    @Test
    void tokensVerifyWithTheSecretAndCarryTheRole() throws Exception {
        var secrets = DevSecrets.loadOrCreate(dir, new SecureRandom());
        Instant now = Instant.now();
        var tokens = DevTokens.forAllRoles(secrets.jwtSecret(), now);
        for (var entry : Map.of("ANALYST", "dev-analyst", "OPERATOR", "dev-operator", "ADMIN", "dev-admin").entrySet()) {
            var jwt = SignedJWT.parse(tokens.get(entry.getKey()));
            assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
            assertThat(jwt.verify(new MACVerifier(secrets.jwtSecret()))).isTrue();
            var claims = jwt.getJWTClaimsSet();
            assertThat(claims.getSubject()).isEqualTo(entry.getValue());
            assertThat(claims.getStringListClaim("roles")).isEqualTo(List.of(entry.getKey()));
            assertThat(claims.getIssuer()).isEqualTo("rusvarsel-devstack");
            assertThat(claims.getIssueTime()).isEqualTo(Date.from(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
            assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant())).isEqualTo(Duration.ofDays(30));
        }
        String other = DevSecrets.newJwtSecret(new SecureRandom());
        assertThat(SignedJWT.parse(tokens.get("ADMIN")).verify(new MACVerifier(other))).isFalse();
    }

    @Test
    void secretsAreStrongAndKeysHaveTheDocumentedFormat() {
        var secrets = DevSecrets.loadOrCreate(dir, new SecureRandom());
        assertThat(java.util.Base64.getUrlDecoder().decode(secrets.jwtSecret())).hasSizeGreaterThanOrEqualTo(32);
        assertThat(secrets.providerKeys()).hasSize(5);
        secrets.providerKeys().values().forEach(key -> {
            assertThat(key).matches("rv_[A-Za-z0-9_-]{43}");
            assertThat(java.util.Base64.getUrlDecoder().decode(key.substring(3))).hasSize(32);
        });
        assertThat(secrets.providerKeys().values()).doesNotHaveDuplicates();
    }

    @Test
    void secretsAreReusedOnTheSameDataDirAndNewAfterFresh() throws Exception {
        var first = DevSecrets.loadOrCreate(dir.resolve("data"), new SecureRandom());
        var second = DevSecrets.loadOrCreate(dir.resolve("data"), new SecureRandom());
        assertThat(second).isEqualTo(first);

        var stack = new DevStack(DevStackOptions.parse(List.of("--fresh", "--data-dir", dir.resolve("data").toString()), Map.of(),
                dir.resolve("data"), dir), new Layout(dir.resolve("repo")), Instant.now());
        stack.deleteDataDir(dir.resolve("data"));
        assertThat(dir.resolve("data")).doesNotExist();

        var afterFresh = DevSecrets.loadOrCreate(dir.resolve("data"), new SecureRandom());
        assertThat(afterFresh.jwtSecret()).isNotEqualTo(first.jwtSecret());
        assertThat(afterFresh.providerKeys().values()).doesNotContainAnyElementsOf(first.providerKeys().values());
    }

    @Test
    void freshRefusesFoldersThatAreNotDataFolders() throws Exception {
        Files.createDirectories(dir.resolve("project/src"));
        var stack = new DevStack(DevStackOptions.parse(List.of(), Map.of(), dir, dir), new Layout(dir.resolve("repo")), Instant.now());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stack.deleteDataDir(dir.resolve("project")))
                .hasMessageContaining("does not look like a devstack data folder");
        assertThat(dir.resolve("project/src")).exists();
    }

    @Test
    void seedProvidersFileNamesOneProviderPerSourceType() throws Exception {
        var secrets = DevSecrets.loadOrCreate(dir, new SecureRandom());
        Path file = SeedProviders.of(secrets).writeTo(dir);
        String json = Files.readString(file);
        assertThat(json).contains("{\"id\":\"dev-wastewater\",\"name\":\"Dev wastewater lab\",\"sourceTypes\":[\"wastewater\"],\"regions\":[],\"apiKey\":\""
                + secrets.providerKeys().get("wastewater") + "\"}");
        assertThat(json).contains("\"id\":\"dev-drug-checking\"", "\"id\":\"dev-seizure\"", "\"id\":\"dev-patient-event\"", "\"id\":\"dev-syringe\"");
        var back = Json.read(json, SeedProviders.class);
        assertThat(back.providers()).hasSize(5);
    }
}

package cn.carbon.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static cn.carbon.k8s.Manifests.name;
import static org.assertj.core.api.Assertions.assertThat;

/** One CloudNativePG cluster per service database, wired to its service and backed up. */
class DatabasesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceUsesItsOwnClusterWithTheOperatorsCredentials(String overlay) {
        Manifests m = Manifests.of(overlay);
        SoftAssertions.assertSoftly(softly -> {
            for (String service : CarbonServices.DOMAIN_SERVICES) {
                JsonNode container = Manifests.podSpec(m.get("Deployment", service)).path("containers").get(0);
                String cluster = NetworkPoliciesTest.databaseOf(m, service);
                URI url = URI.create(Manifests.env(container, "QUARKUS_DATASOURCE_JDBC_URL").path("value").asText()
                        .substring("jdbc:".length()));
                JsonNode initdb = m.get("Cluster", cluster).path("spec").path("bootstrap").path("initdb");
                softly.assertThat(url.getPort()).as("%s: %s port", overlay, service).isEqualTo(5432);
                softly.assertThat(url.getPath()).as("%s: %s database", overlay, service)
                        .isEqualTo("/" + initdb.path("database").asText());
                softly.assertThat(initdb.path("owner").asText()).as("%s: %s owner", overlay, cluster).isNotBlank();
                // Flyway migrates as the owner (the operator's <cluster>-app); the service runs as the runtime role
                for (String[] credential : new String[][] {
                        {"QUARKUS_FLYWAY_USERNAME", "username", "-app"}, {"QUARKUS_FLYWAY_PASSWORD", "password", "-app"},
                        {"QUARKUS_DATASOURCE_USERNAME", "username", "-runtime"},
                        {"QUARKUS_DATASOURCE_PASSWORD", "password", "-runtime"}}) {
                    JsonNode ref = Manifests.env(container, credential[0]).path("valueFrom").path("secretKeyRef");
                    softly.assertThat(ref.path("name").asText()).as("%s: %s %s", overlay, service, credential[0])
                            .isEqualTo(cluster + credential[2]);
                    softly.assertThat(ref.path("key").asText()).isEqualTo(credential[1]);
                }
            }
        });
    }

    /** The role a service runs as may not rewrite its audit trail: it is not the owner, and no superuser. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceRunsAsARuntimeRoleApartFromTheOwner(String overlay) {
        Manifests m = Manifests.of(overlay);
        SoftAssertions.assertSoftly(softly -> {
            for (String service : CarbonServices.DOMAIN_SERVICES) {
                String cluster = NetworkPoliciesTest.databaseOf(m, service);
                JsonNode spec = m.get("Cluster", cluster).path("spec");
                String owner = spec.path("bootstrap").path("initdb").path("owner").asText();
                JsonNode runtime = null;
                for (JsonNode role : spec.path("managed").path("roles")) {
                    if (role.path("passwordSecret").path("name").asText().equals(cluster + "-runtime")) {
                        runtime = role;
                    }
                }
                softly.assertThat(runtime).as("%s: %s manages a role with the password of %s-runtime", overlay, cluster,
                        cluster).isNotNull();
                if (runtime == null) {
                    continue;
                }
                softly.assertThat(runtime.path("name").asText()).as("%s: %s runtime role", overlay, cluster)
                        .isNotBlank().isNotEqualTo(owner);
                softly.assertThat(runtime.path("ensure").asText("present")).isEqualTo("present");
                softly.assertThat(runtime.path("login").asBoolean()).as("%s: %s runtime role logs in", overlay, cluster)
                        .isTrue();
                for (String power : new String[] {"superuser", "createdb", "createrole", "replication", "bypassrls"}) {
                    softly.assertThat(runtime.path(power).asBoolean(false)).as("%s: %s runtime role %s", overlay, cluster,
                            power).isFalse();
                }
                softly.assertThat(runtime.path("inRoles").isMissingNode() || runtime.path("inRoles").isEmpty())
                        .as("%s: %s runtime role is a member of no role (not the owner's)", overlay, cluster).isTrue();
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyClusterIsArchivedContinuouslyAndBackedUpNightly(String overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(m.ofKind("Cluster")).as("%s: clusters", overlay)
                .hasSize(CarbonServices.DOMAIN_SERVICES.size() + 1); // + Keycloak's
        SoftAssertions.assertSoftly(softly -> {
            for (JsonNode cluster : m.ofKind("Cluster")) {
                String c = overlay + ": " + name(cluster);
                JsonNode archiver = null;
                for (JsonNode plugin : cluster.path("spec").path("plugins")) {
                    if (plugin.path("isWALArchiver").asBoolean()) {
                        archiver = plugin;
                    }
                }
                softly.assertThat(archiver).as("%s has a WAL archiver", c).isNotNull();
                if (archiver == null) {
                    continue;
                }
                String store = archiver.path("parameters").path("barmanObjectName").asText();
                softly.assertThat(m.find("ObjectStore", store)).as("%s: ObjectStore %s", c, store).isPresent();
                softly.assertThat(m.ofKind("ScheduledBackup").stream()
                                .filter(b -> b.path("spec").path("cluster").path("name").asText().equals(name(cluster)))
                                .filter(b -> b.path("spec").path("method").asText().equals("plugin")))
                        .as("%s: a ScheduledBackup", c).hasSize(1);
            }
            for (JsonNode store : m.ofKind("ObjectStore")) {
                JsonNode s3 = store.path("spec").path("configuration").path("s3Credentials");
                for (String field : new String[] {"accessKeyId", "secretAccessKey"}) {
                    softly.assertThat(s3.path(field).path("name").asText())
                            .as("%s: %s %s comes from a Secret", overlay, name(store), field).isNotBlank();
                    softly.assertThat(s3.path(field).path("key").asText()).isNotBlank();
                }
                softly.assertThat(store.path("spec").path("configuration").path("destinationPath").asText())
                        .as("%s: backups are kept apart per environment", overlay).contains(overlay);
            }
        });
    }
}

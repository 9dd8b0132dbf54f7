package cn.carbon.surrender;

import cn.carbon.testing.KafkaResource;
import cn.carbon.testing.OidcResource;
import cn.carbon.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The real parts every @QuarkusTest of this module runs against. */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "surrender"),
        restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "publish-shipped-rulebooks", value = "true"),
        restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcResource.class, restrictToAnnotatedClass = false)
public class TestInfrastructure {
}

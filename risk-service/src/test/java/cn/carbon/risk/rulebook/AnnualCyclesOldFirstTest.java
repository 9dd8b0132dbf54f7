package cn.carbon.risk.rulebook;

import cn.carbon.contracts.rulebook.ShippedRulebooks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import java.util.List;

/** {@link AnnualCyclesTest} with the rulebooks arriving oldest first. */
@QuarkusTest
@TestProfile(AnnualCyclesOldFirstTest.Profile.class)
class AnnualCyclesOldFirstTest extends AnnualCyclesTest {

    public static class Profile extends FollowingTheClock {
        @Override
        String name() {
            return "annual_old_first";
        }

        @Override
        List<String> arrivalOrder() {
            return ShippedRulebooks.resources(); // every shipped rulebook, oldest first (SHIPPED order)
        }
    }
}

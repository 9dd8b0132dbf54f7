package cn.carbon.risk.rulebook;

import cn.carbon.contracts.rulebook.ShippedRulebooks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import java.util.List;

/** {@link AnnualCyclesTest} with the rulebooks arriving newest first: the same answers. */
@QuarkusTest
@TestProfile(AnnualCyclesNewFirstTest.Profile.class)
class AnnualCyclesNewFirstTest extends AnnualCyclesTest {

    public static class Profile extends FollowingTheClock {
        @Override
        String name() {
            return "annual_new_first";
        }

        @Override
        List<String> arrivalOrder() {
            List<String> newestFirst = new java.util.ArrayList<>(ShippedRulebooks.resources());
            java.util.Collections.reverse(newestFirst); // every shipped rulebook, newest first
            return newestFirst;
        }
    }
}

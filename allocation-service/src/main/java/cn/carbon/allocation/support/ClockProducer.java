package cn.carbon.allocation.support;

import cn.carbon.platform.time.BusinessClock;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The clock of the rules with dates (the borrowing and relief deadlines of the rulebook, application times): the
 * platform's business clock (the real time unless {@code carbon.clock.start} says otherwise). A test replaces it with
 * a bean of type {@link Clock} of its own to set the date.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(BusinessClock business) {
        return business;
    }
}

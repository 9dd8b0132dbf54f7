package cn.carbon.allocation.deadlines;

import cn.carbon.contracts.rulebook.StageAction;

import java.time.Instant;

/**
 * One allocation-stage action done for a province.
 *
 * @param reference what was done: the job id of a run, the import id, the entity of a notice, the submitted tables
 */
public record ActionDone(StageAction action, String reference, Instant doneAt, String doneBy, boolean late,
                         String lateReason) {
}

/**
 * The allocation engine: plain, deterministic domain code (no framework), BigDecimal at full precision, every
 * number from the {@link cn.carbon.contracts.rulebook.Rulebook rulebook} (file
 * {@code contracts: carbon/rulebooks/CN-ETS-2021-2022-power.json}, loaded by {@link cn.carbon.contracts.rulebook.RulebookLoader}).
 * Entry point: {@link cn.carbon.allocation.engine.AllocationEngine}.
 *
 * <h2>Where each rule lives</h2>
 * <table>
 * <caption>rule → class (rulebook field)</caption>
 * <tr><th>rule (notice / RULES.md)</th><th>class</th><th>rulebook</th></tr>
 * <tr><td>Unit categories (K1, K2)</td><td>{@link cn.carbon.allocation.rulebook.UnitCategory}</td>
 *     <td>{@code categories}, {@code categorySizeBoundaryMw}</td></tr>
 * <tr><td>Unit formula A = Qe·Be·Fl·Fr·Ff + Qh·Bh, benchmarks per category and year (§4.2, K3–K9), rounding once
 *     at unit level (§16)</td><td>{@link cn.carbon.allocation.engine.UnitAllowanceCalculator}</td>
 *     <td>{@code benchmarks}, {@code rounding.unitAllowance}</td></tr>
 * <tr><td>Cooling factor Fl (K11), heat-supply factor Fr (K12), load-factor curve Ff and its scope (K13, §4.3)</td>
 *     <td>{@link cn.carbon.allocation.engine.CorrectionFactors}</td>
 *     <td>{@code corrections.*}, {@code settings.loadFactorCorrectionScope}</td></tr>
 * <tr><td>Balance value 平衡值 (§4.4): reference only, no figure known</td><td>—</td>
 *     <td>{@code balanceValues}</td></tr>
 * <tr><td>Pre-allocation: 70 % of the allowance on 2021 data with each year's benchmarks, per unit, rounded once
 *     (K14, K15, §4.5)</td><td>{@link cn.carbon.allocation.engine.PreAllocation}</td>
 *     <td>{@code preAllocation.*}, {@code rounding.unitPreAllocation}</td></tr>
 * <tr><td>Verified (核定) allocation per year = sum of rounded unit allowances; obligation = verified emissions
 *     (§4.6, §5.1)</td><td>{@link cn.carbon.allocation.engine.Verification}</td><td>—</td></tr>
 * <tr><td>Gas-unit treatment and the 80 % floor (K16, §4.7, §13.4)</td>
 *     <td>{@link cn.carbon.allocation.engine.AllocationRelief}</td>
 *     <td>{@code settings.gasUnitRelief}, {@code allocationFloor}, {@code rounding.floor}</td></tr>
 * <tr><td>True-up 多退少补 (§4.6) and differentiated issuance by status
 *     ({@link cn.carbon.allocation.entity.EntityStatus}: OPERATING, FACILITIES_CLOSED, COMPLIANCE_RISK, DISSOLVED);
 *     no obligation when dissolved; special list 需特殊说明 (notice §一, §5.4, §13.2–3)</td>
 *     <td>{@link cn.carbon.allocation.engine.DifferentiatedIssuance}</td><td>{@code vintages.allocation}</td></tr>
 * <tr><td>Borrowing 预支 2023: gap rate ≥ 10 %, ≤ 50 % of the gap rounded down, not for special entities, by
 *     2023-08-04 (notice §一, §三; K17, K18, §4.8, §13.5)</td>
 *     <td>{@link cn.carbon.allocation.engine.BorrowingRules}</td>
 *     <td>{@code borrowing.*}, {@code settings.gapRateDenominator}, {@code rounding.borrowingCeiling},
 *     {@code deadlines.borrowingApplication}</td></tr>
 * <tr><td>CCER cap 5 % of the year's obligation, rounded down (notice §二, K19, §6)</td>
 *     <td>{@link cn.carbon.allocation.engine.OffsetCap}</td>
 *     <td>{@code ccerOffset.*}, {@code rounding.ccerCap}</td></tr>
 * <tr><td>Eligible vintages: 2019-2020, 2021, 2022 for both years; 2023 only as borrowed (notice §四, §5.2)</td>
 *     <td>{@link cn.carbon.contracts.rulebook.Rulebook#isVintageEligible}</td><td>{@code vintages.*}</td></tr>
 * <tr><td>Deadlines of the notice and the timeline (Asia/Shanghai), compliance targets 95 % / 100 % (§2, K26)</td>
 *     <td>{@link cn.carbon.allocation.rulebook.Deadline}</td>
 *     <td>{@code deadlines}, {@code complianceTargets}, {@code timeZone}</td></tr>
 * <tr><td>Which values are unconfirmed ([R] / open readings)</td>
 *     <td>{@link cn.carbon.contracts.rulebook.Rulebook#unconfirmedValues()}</td>
 *     <td>{@code confirmed: false}</td></tr>
 * </table>
 */
package cn.carbon.allocation.engine;

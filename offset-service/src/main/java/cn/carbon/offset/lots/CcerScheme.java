package cn.carbon.offset.lots;

/**
 * The scheme a CCER lot was issued under (RULES-2023-2025.md D12): old CCER, filed (备案) before 2017-03-14, or new
 * CCER, registered (登记) under 《温室气体自愿减排交易管理办法（试行）》 (2023). Which one may offset a year, and from
 * which day, is the rulebook's ({@code ccerOffset}); both count against the same cap.
 */
public enum CcerScheme {
    OLD_CCER, NEW_CCER
}

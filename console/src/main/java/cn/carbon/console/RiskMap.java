package cn.carbon.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The risk map's figures: per province the highest risk level its entities' alerts reached, how many entities are
 * alerting and how many alerts were raised; and the names the China map (echarts' china.json) gives the provinces.
 * An alert is raised only on a rise to HIGH or CRITICAL, so an entity's alerts say how high it rose, not that it fell.
 */
public final class RiskMap {

    /** province code (GB/T 2260) → the feature's name in china.json */
    static final Map<String, String> MAP_NAMES = Map.ofEntries(
            Map.entry("110000", "北京"), Map.entry("120000", "天津"), Map.entry("130000", "河北"),
            Map.entry("140000", "山西"), Map.entry("150000", "内蒙古"), Map.entry("210000", "辽宁"),
            Map.entry("220000", "吉林"), Map.entry("230000", "黑龙江"), Map.entry("310000", "上海"),
            Map.entry("320000", "江苏"), Map.entry("330000", "浙江"), Map.entry("340000", "安徽"),
            Map.entry("350000", "福建"), Map.entry("360000", "江西"), Map.entry("370000", "山东"),
            Map.entry("410000", "河南"), Map.entry("420000", "湖北"), Map.entry("430000", "湖南"),
            Map.entry("440000", "广东"), Map.entry("450000", "广西"), Map.entry("460000", "海南"),
            Map.entry("500000", "重庆"), Map.entry("510000", "四川"), Map.entry("520000", "贵州"),
            Map.entry("530000", "云南"), Map.entry("540000", "西藏"), Map.entry("610000", "陕西"),
            Map.entry("620000", "甘肃"), Map.entry("630000", "青海"), Map.entry("640000", "宁夏"),
            Map.entry("650000", "新疆"), Map.entry("710000", "台湾"), Map.entry("810000", "香港"),
            Map.entry("820000", "澳门"));

    /** The levels in rising order; a level's rank colours the map (0: nothing known). */
    static final List<String> LEVELS = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

    private RiskMap() {
    }

    public record Alert(String uscc, String provinceCode, int complianceYear, String level, Instant raisedAt) {
    }

    /** One province on the map and in its table. */
    public record ProvinceRisk(String provinceCode, String mapName, String highestLevel, int rank,
                               int alertingEntities, int alerts) {
    }

    /** 1 for LOW … 4 for CRITICAL, 0 for no or an unknown level. */
    public static int rank(String level) {
        return level == null ? 0 : LEVELS.indexOf(level) + 1;
    }

    /** The higher of two levels (null: none). */
    public static String higher(String a, String b) {
        return rank(b) > rank(a) ? b : a;
    }

    /** Per province with alerts: riskiest first, then by code. */
    public static List<ProvinceRisk> fromAlerts(List<Alert> alerts) {
        Map<String, Map<String, String>> levelsByEntity = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Alert a : alerts) {
            counts.merge(a.provinceCode(), 1, Integer::sum);
            levelsByEntity.computeIfAbsent(a.provinceCode(), p -> new HashMap<>())
                    .merge(a.uscc(), a.level(), RiskMap::higher);
        }
        List<ProvinceRisk> provinces = new ArrayList<>();
        counts.forEach((province, count) -> {
            Map<String, String> entities = levelsByEntity.get(province);
            String highest = entities.values().stream().reduce(null, RiskMap::higher);
            int alerting = (int) entities.values().stream().filter(l -> rank(l) >= rank("HIGH")).count();
            provinces.add(new ProvinceRisk(province, MAP_NAMES.getOrDefault(province, province), highest, rank(highest),
                    alerting, count));
        });
        provinces.sort(Comparator.comparingInt(ProvinceRisk::rank).reversed()
                .thenComparing(ProvinceRisk::provinceCode));
        return provinces;
    }

    /** A province's own entry from its entities' current levels (null for an entity without a value). */
    public static ProvinceRisk fromEntityLevels(String provinceCode, List<String> levels, int alerts) {
        String highest = levels.stream().reduce(null, RiskMap::higher);
        int alerting = (int) levels.stream().filter(l -> rank(l) >= rank("HIGH")).count();
        return new ProvinceRisk(provinceCode, MAP_NAMES.getOrDefault(provinceCode, provinceCode), highest, rank(highest),
                alerting, alerts);
    }
}

package cn.carbon.bench.season.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The 31 provincial-level divisions of the mainland (GB/T 2260) with a weight for their share of the national
 * market's power entities. The weights are this data set's estimate of where coal and gas power plants are (Shandong,
 * Jiangsu, Inner Mongolia, Shanxi, Henan, Hebei, Zhejiang and Guangdong carry most of them; Tibet and Qinghai few),
 * not an official list; they sum to 2,257, the entities of the second compliance cycle (RULES.md §8).
 */
public final class Provinces {

    /**
     * @param northern heating region: more air-cooled and combined heat-and-power units
     */
    public record Province(String code, String name, String pinyin, int weight, boolean northern, int cities) {
    }

    public static final List<Province> ALL = List.of(
            new Province("110000", "北京", "beijing", 14, true, 16),
            new Province("120000", "天津", "tianjin", 38, true, 16),
            new Province("130000", "河北", "hebei", 128, true, 11),
            new Province("140000", "山西", "shanxi", 138, true, 11),
            new Province("150000", "内蒙古", "neimenggu", 150, true, 12),
            new Province("210000", "辽宁", "liaoning", 86, true, 14),
            new Province("220000", "吉林", "jilin", 52, true, 9),
            new Province("230000", "黑龙江", "heilongjiang", 74, true, 13),
            new Province("310000", "上海", "shanghai", 27, false, 16),
            new Province("320000", "江苏", "jiangsu", 214, false, 13),
            new Province("330000", "浙江", "zhejiang", 122, false, 11),
            new Province("340000", "安徽", "anhui", 78, false, 16),
            new Province("350000", "福建", "fujian", 45, false, 9),
            new Province("360000", "江西", "jiangxi", 36, false, 11),
            new Province("370000", "山东", "shandong", 331, true, 16),
            new Province("410000", "河南", "henan", 133, true, 17),
            new Province("420000", "湖北", "hubei", 48, false, 13),
            new Province("430000", "湖南", "hunan", 35, false, 14),
            new Province("440000", "广东", "guangdong", 115, false, 21),
            new Province("450000", "广西", "guangxi", 38, false, 14),
            new Province("460000", "海南", "hainan", 9, false, 4),
            new Province("500000", "重庆", "chongqing", 22, false, 38),
            new Province("510000", "四川", "sichuan", 32, false, 21),
            new Province("520000", "贵州", "guizhou", 37, false, 9),
            new Province("530000", "云南", "yunnan", 21, false, 16),
            new Province("540000", "西藏", "xizang", 2, false, 7),
            new Province("610000", "陕西", "shaanxi", 72, true, 10),
            new Province("620000", "甘肃", "gansu", 40, true, 14),
            new Province("630000", "青海", "qinghai", 7, true, 8),
            new Province("640000", "宁夏", "ningxia", 53, true, 5),
            new Province("650000", "新疆", "xinjiang", 101, true, 14));

    public static final int BASE_ENTITIES = 2_257;

    private Provinces() {
    }

    public static Province byCode(String code) {
        return ALL.stream().filter(p -> p.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a province: " + code));
    }

    /** Entities per province for {@code total} entities, by the largest remainder (every province keeps at least one). */
    public static int[] apportion(int total) {
        int weights = ALL.stream().mapToInt(Province::weight).sum();
        int[] counts = new int[ALL.size()];
        double[] remainders = new double[ALL.size()];
        int given = 0;
        for (int i = 0; i < ALL.size(); i++) {
            double exact = (double) total * ALL.get(i).weight() / weights;
            counts[i] = Math.max(1, (int) Math.floor(exact));
            remainders[i] = exact - Math.floor(exact);
            given += counts[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ALL.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -remainders[i]).thenComparing(i -> i));
        for (int k = 0; given < total; k = (k + 1) % order.size()) {
            counts[order.get(k)]++;
            given++;
        }
        for (int k = order.size() - 1; given > total; k = (k - 1 + order.size()) % order.size()) {
            if (counts[order.get(k)] > 1) {
                counts[order.get(k)]--;
                given--;
            }
        }
        return counts;
    }
}

package io.bizmaster.bench;



/**
 * One measured figure of a benchmark run, with the baseline that bounds it (measured in the same run).
 *
 * @param ratio figure / baseline, or NaN when the figure has no baseline
 */
public record Figure(String name, double value, String unit, String baseline, double baselineValue, double ratio) {

    public static Figure baseline(String name, double value, String unit) {
        return new Figure(name, value, unit, "", Double.NaN, Double.NaN);
    }

    public static Figure against(String name, double value, String unit, Figure baseline) {
        return new Figure(name, value, unit, baseline.name(), baseline.value(), value / baseline.value());
    }
}

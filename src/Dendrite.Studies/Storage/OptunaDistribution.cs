using System.Globalization;
using System.Text.Json.Nodes;
using Dendrite.Training;

namespace Dendrite.Studies;

/// <summary>
/// A search dimension in Optuna's encoding: <c>trial_params.distribution_json</c> and the internal
/// <c>param_value</c> (the number itself, or the index of a categorical choice).
/// </summary>
/// <remarks>
/// <see cref="LogUniform"/> → <c>{"name": "FloatDistribution", "attributes": {"low": lo, "high": hi, "log": true, "step": null}}</c>;
/// <see cref="Uniform"/> and <see cref="OneMinusLogUniform"/> (Optuna has no 1 − 10^r scale) → FloatDistribution with
/// <c>"log": false</c>; <see cref="IntRange"/> → <c>{"name": "IntDistribution", "attributes": {"low", "high", "log": false, "step": 1}}</c>;
/// <see cref="Choice{T}"/> → <c>{"name": "CategoricalDistribution", "attributes": {"choices": [...]}}</c> with the
/// first round's options, so an index means the same option in every round.
/// </remarks>
internal static class OptunaDistribution
{
    /// <summary>The JSON and internal value of <paramref name="value"/>, drawn from <paramref name="dimension"/>.</summary>
    /// <param name="dimension">The dimension of the trial's round.</param>
    /// <param name="root">The same dimension in the first (coarse) round: a choice's options come from it.</param>
    /// <param name="value">The sampled value.</param>
    public static (double Internal, string Json) Encode(SearchDimension dimension, SearchDimension root, object value)
    {
        static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        return dimension switch
        {
            LogUniform r => (Convert.ToDouble(value, CultureInfo.InvariantCulture), Float(N(r.Low), N(r.High), "true")),
            ScaledRange r => (Convert.ToDouble(value, CultureInfo.InvariantCulture), Float(N(r.Low), N(r.High), "false")),
            IntRange r => (Convert.ToDouble(value, CultureInfo.InvariantCulture),
                $$$"""{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": {{{r.Low}}}, "high": {{{r.High}}}}}"""),
            Choice<string> => Categorical(((Choice<string>)root).Options, value),
            Choice<int> => Categorical(((Choice<int>)root).Options, value),
            Choice<double> => Categorical(((Choice<double>)root).Options, value),
            _ => throw new NotSupportedException($"{dimension.GetType().Name}: no Optuna distribution (use LogUniform, Uniform, OneMinusLogUniform, IntRange or Choice of string, int or double)."),
        };
    }

    private static string Float(string low, string high, string log) =>
        $$$"""{"name": "FloatDistribution", "attributes": {"step": null, "low": {{{low}}}, "high": {{{high}}}, "log": {{{log}}}}}""";

    private static (double, string) Categorical<T>(IReadOnlyList<T> options, object value)
    {
        int index = options.ToList().IndexOf((T)value);
        if (index < 0) throw new ArgumentException($"Choice value {value} is not one of {string.Join(", ", options)}.");
        return (index, $$$"""{"name": "CategoricalDistribution", "attributes": {"choices": {{{new JsonArray([.. options.Select(o => Node(o!))]).ToJsonString()}}}}}""");
    }

    private static JsonNode Node(object option) => option switch
    {
        int i => JsonValue.Create(i),
        double d => JsonValue.Create(d),
        _ => JsonValue.Create(option.ToString()!),
    };

    /// <summary>A stored parameter as a user sees it: the chosen option, an int, or the double itself.</summary>
    public static object Decode(double internalValue, string json)
    {
        var node = JsonNode.Parse(json)!;
        var attributes = node["attributes"]!;
        return node["name"]!.GetValue<string>() switch
        {
            "CategoricalDistribution" => attributes["choices"]![(int)internalValue]?.ToString() ?? "None",
            "IntDistribution" => (int)Math.Round(internalValue),
            _ => internalValue,
        };
    }
}

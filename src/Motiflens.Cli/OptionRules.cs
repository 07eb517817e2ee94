using System.CommandLine;
using System.Globalization;

namespace Motiflens.Cli;

/// <summary>
/// Range rules for numeric options, as System.CommandLine validators: a value out of range is a parse error, which
/// <see cref="Program.Run"/> prints as one line and exit code 2 before the command runs. Each returns its option,
/// so a rule reads where the option is declared: <c>new Option&lt;int&gt;("--epochs") { … }.AtLeast(1)</c>.
/// </summary>
public static class OptionRules
{
    /// <summary>The value must be at least <paramref name="min"/>.</summary>
    public static Option<int> AtLeast(this Option<int> option, int min) =>
        Rule(option, v => v >= min, v => $"must be at least {min}; got {v}");

    /// <summary>The value must be a finite number greater than zero.</summary>
    public static Option<double> Positive(this Option<double> option) =>
        Rule(option, v => v > 0 && double.IsFinite(v), v => $"must be a positive number; got {Format(v)}");

    /// <summary>The value must be a finite number, zero or greater.</summary>
    public static Option<double> NonNegative(this Option<double> option) =>
        Rule(option, v => v >= 0 && double.IsFinite(v), v => $"must be zero or positive; got {Format(v)}");

    /// <summary>The value must lie in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static Option<double> InHalfOpenRange(this Option<double> option, double min, double max) =>
        Rule(option, v => v >= min && v < max, v => $"must be in [{Format(min)}, {Format(max)}); got {Format(v)}");

    private static Option<T> Rule<T>(Option<T> option, Func<T, bool> valid, Func<T, string> problem)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            T value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                // Not a number at all: System.CommandLine reports that conversion error itself.
                return;
            }

            if (!valid(value))
            {
                result.AddError($"{option.Name} {problem(value)}");
            }
        });
        return option;
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.CommandLine.Parsing;
using Motiflens.IO;

namespace Motiflens.Cli;

/// <summary>
/// The options a run was started with, kept in its folder so that <c>--resume DIR</c> needs none of them again: the
/// saved ones fill in every option the resuming command line does not give.
/// </summary>
public static class SavedArguments
{
    /// <summary>
    /// The options given explicitly on <paramref name="parseResult"/>'s command line, as arguments, without
    /// <paramref name="except"/>; the values of <paramref name="paths"/> made absolute (a resume may start elsewhere).
    /// </summary>
    public static IReadOnlyList<string> Explicit(ParseResult parseResult, IReadOnlyCollection<Option> except, IReadOnlyCollection<Option>? paths = null)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(except);
        var args = new List<string>();
        foreach (var option in Given(parseResult))
        {
            if (except.Contains(option.Option))
            {
                continue;
            }

            bool isPath = paths is not null && paths.Contains(option.Option);
            args.Add(option.IdentifierToken?.Value ?? option.Option.Name);
            args.AddRange(option.Tokens.Select(t => isPath ? Path.GetFullPath(t.Value) : t.Value));
        }

        return args;
    }

    /// <summary>
    /// Parses <paramref name="command"/> again with the <paramref name="saved"/> arguments of every option that
    /// <paramref name="current"/> does not give, followed by the current ones.
    /// </summary>
    public static ParseResult Restore(Command command, ParseResult current, IReadOnlyList<string> saved, string source)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(saved);
        var before = command.Parse(saved.ToArray());
        if (before.Errors.Count > 0)
        {
            throw new InputException(source, 0, $"the saved arguments do not parse: {before.Errors[0].Message}");
        }

        var given = Given(current).Select(o => o.Option).ToHashSet();
        var merged = new List<string>();
        foreach (var option in Given(before))
        {
            if (!given.Contains(option.Option))
            {
                merged.Add(option.IdentifierToken?.Value ?? option.Option.Name);
                merged.AddRange(option.Tokens.Select(t => t.Value));
            }
        }

        merged.AddRange(Explicit(current, []));
        var result = command.Parse(merged.ToArray());
        if (result.Errors.Count > 0)
        {
            throw new InputException(source, 0, $"the saved arguments with this command line do not parse: {result.Errors[0].Message}");
        }

        return result;
    }

    private static IEnumerable<OptionResult> Given(ParseResult parseResult) =>
        parseResult.CommandResult.Children.OfType<OptionResult>().Where(o => !o.Implicit);
}

namespace Motiflens.Cli;

/// <summary>Process exit codes, named in one place (DESIGN.md "Who uses it and how").</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int InternalError = 1;
    public const int BadInput = 2;
    public const int Cancelled = 130;
}

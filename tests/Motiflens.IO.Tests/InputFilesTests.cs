namespace Motiflens.IO.Tests;

public class InputFilesTests
{
    [Fact]
    public void ReadAll_ReturnsTheContentAsTextLinesAndBytes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"motiflens-inputfiles-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "a\nbc\n");
        try
        {
            Assert.Equal("a\nbc\n", InputFiles.ReadAllText(path, "the test file"));
            Assert.Equal(["a", "bc"], InputFiles.ReadAllLines(path, "the test file"));
            Assert.Equal("a\nbc\n"u8.ToArray(), InputFiles.ReadAllBytes(path, "the test file"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadAllText_MissingFile_IsOneInputExceptionNamingFileAndContent()
    {
        var path = Path.Combine(Path.GetTempPath(), $"motiflens-missing-{Guid.NewGuid():N}", "grid.yaml");
        var ex = Assert.Throws<InputException>(() => InputFiles.ReadAllText(path, "the grid file"));
        Assert.StartsWith($"{path}: cannot read the grid file: ", ex.Message);
        Assert.Equal(path, ex.File);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
